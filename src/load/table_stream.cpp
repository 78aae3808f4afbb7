#include "sqlite2pg/load/table_stream.h"

#include <algorithm>

#include "sqlite2pg/copy/copy_feed.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

std::unique_ptr<RowCursor> open_cursor(const TablePlan& plan) {
  if (plan.source_table_missing) return nullptr;
  return std::make_unique<RowCursor>(*plan.source, plan.select_sql);
}

}  // namespace

TableStream::TableStream(const TablePlan& plan, std::size_t flush_bytes, CopyFormat format)
    : plan_(plan),
      flush_bytes_(flush_bytes),
      format_(format),
      cursor_(open_cursor(plan)),
      scratch_(plan.columns.size()),
      values_(plan.columns.size()),
      computed_(plan) {
  encoder_.buffer().reserve(flush_bytes + (64 << 10));
}

void TableStream::pick_rows(std::vector<std::uint64_t> locators) {
  picker_ = std::make_unique<RowPicker>(plan_, std::move(locators));
}

std::uint64_t TableStream::locator() const {
  return picker_ ? picker_->locator() : locator_of(plan_, *cursor_, row_number_);
}

bool TableStream::next_row() {
  if (picker_) return picker_->next();
  if (!cursor_ || !cursor_->next()) return false;
  ++row_number_;
  return true;
}

bool TableStream::encode_row() {
  if (!next_row()) return false;
  encoder_.begin_row(static_cast<std::uint16_t>(plan_.columns.size()));
  for (std::size_t i = 0; i < plan_.columns.size(); ++i) {
    const ColumnPlan& c = plan_.columns[i];
    const SourceValue v = cursor().value(c.select_index);
    if (v.type == SqliteType::null) {
      if (c.target.not_null) {
        encoder_.abandon_row();
        if (refusals_) {
          ++refused_;
          refusals_(c, "NULL, but target column " + c.target.name + " is NOT NULL",
                    plan_.describe_row(cursor()), "NULL", cursor());
          return true;
        }
        throw Failure(ExitCode::source_data,
                      plan_.where() + ", row " + plan_.describe_row(cursor()) + ", column " +
                          c.mapping->source_column + ": NULL, but target column " +
                          plan_.mapping->target_name() + "." + c.target.name + " is NOT NULL");
      }
      encoder_.add_null();
      values_[i] = Value{};
      continue;
    }
    Value& out = values_[i];
    std::string why = c.transform->convert(v, c.context, out, scratch_[i]);
    if (why.empty() && c.transform->computed_by_server && !check_only_)
      why = computed_.substitute(i, locator(), out, scratch_[i]);
    if (why.empty()) why = encoder_.add(c.writer, out);
    if (!why.empty()) {
      encoder_.abandon_row();
      if (refusals_) {
        ++refused_;
        refusals_(c, why, plan_.describe_row(cursor()), value_excerpt(v), cursor());
        return true;
      }
      throw Failure(ExitCode::source_data, plan_.where() + ", row " + plan_.describe_row(cursor()) +
                                               ", column " + c.mapping->source_column + " (" +
                                               c.mapping->transform + "): " + why + "; value " +
                                               value_excerpt(v));
    }
  }
  const std::string_view row = encoder_.finish_row();
  const Hash128 hash = hash_row(row);
  checksum_.add(hash);
  if (observer_) observer_(row, hash);
  if (format_ == CopyFormat::text) {
    for (std::size_t i = 0; i < plan_.columns.size(); ++i) {
      if (i) text_.push_back('\t');
      append_copy_text(plan_.columns[i].writer, values_[i], text_);
    }
    text_.push_back('\n');
    encoder_.abandon_row();  // the binary form was only for the hash
  }
  return true;
}

bool TableStream::fill(std::string& out) {
  if (done_) return false;
  const bool binary = format_ == CopyFormat::binary;
  std::string& buf = binary ? encoder_.buffer() : text_;
  if (!header_sent_) {
    if (binary) buf.append(CopyEncoder::header());
    header_sent_ = true;
  }
  throw_if_interrupted("reading " + plan_.label());
  while (buf.size() < flush_bytes_) {
    if (!encode_row()) {
      if (binary) buf.append(CopyEncoder::trailer());
      done_ = true;
      break;
    }
  }
  if (progress_) progress_->store(checksum_.rows() + refused_, std::memory_order_relaxed);
  out.swap(buf);  // the two buffers trade places: no copy, no reallocation
  buf.clear();
  return !done_;
}

std::optional<std::string> key_of_row(const TablePlan& plan, const RowCursor& cursor) {
  std::vector<int> fields = plan.key_fields;
  std::sort(fields.begin(), fields.end());
  std::string key;
  CopyEncoder encoder;
  for (const int f : fields) {
    const ColumnPlan& c = plan.columns[static_cast<std::size_t>(f)];
    if (c.transform->computed_by_server) return std::nullopt;  // PostgreSQL's value, not fetched
    const SourceValue v = cursor.value(c.select_index);
    encoder.begin_row(1);
    if (v.type == SqliteType::null) {
      encoder.add_null();
    } else {
      Value out;
      std::string scratch;
      std::string why = c.transform->convert(v, c.context, out, scratch);
      if (why.empty()) why = encoder.add(c.writer, out);
      if (!why.empty()) return std::nullopt;
    }
    key.append(encoder.finish_row().substr(2));  // the field, without the tuple's field count
    encoder.buffer().clear();
  }
  return key;
}

std::optional<std::string> describe_nth_row(const TablePlan& plan, std::uint64_t row_number) {
  if (plan.source_table_missing || row_number == 0) return std::nullopt;
  RowCursor cursor(*plan.source, plan.select_sql);
  for (std::uint64_t i = 0; i < row_number; ++i) {
    if (!cursor.next()) return std::nullopt;
  }
  return plan.describe_row(cursor);
}

IdMapStream::IdMapStream(const TablePlan& plan, std::optional<std::vector<std::uint64_t>> locators)
    : plan_(plan),
      cursor_(locators ? nullptr : open_cursor(plan)),
      picker_(locators ? std::make_unique<RowPicker>(plan, std::move(*locators)) : nullptr) {}

bool IdMapStream::fill(std::string& out) {
  if (done_) return false;
  if (!header_sent_) {
    out.append(CopyEncoder::header());
    header_sent_ = true;
  }
  const ColumnPlan& id = plan_.columns[static_cast<std::size_t>(plan_.own_id_column)];
  const auto& source = plan_.source_mapping->name;
  const auto& table = plan_.mapping->source_table;
  std::string scratch;
  while (out.size() < (1u << 20)) {
    const bool more = picker_ ? picker_->next() : cursor_ && cursor_->next();
    if (!more) {
      out.append(CopyEncoder::trailer());
      done_ = true;
      return false;
    }
    const SourceValue v = (picker_ ? picker_->cursor() : *cursor_).value(id.select_index);
    const auto legacy = legacy_id_text(v, scratch);
    if (!legacy || parse_uuid(*legacy))
      continue;  // NULL ids fail in the table load; UUIDs keep theirs
    const Uuid new_id = remapped_id(source, table, *legacy);
    put_tuple_start(out, 4);
    put_field(out, source);
    put_field(out, table);
    put_field(out, *legacy);
    put_field(out, std::string_view(reinterpret_cast<const char*>(new_id.data()), new_id.size()));
    ++rows_;
  }
  return true;
}

}  // namespace s2p
