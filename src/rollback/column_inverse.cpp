#include "sqlite2pg/rollback/column_inverse.h"

#include "sqlite2pg/copy/copy_decoder.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

// SQLite's first affinity rule: a declared type containing INT stores integers.
bool integer_affinity(const std::string& declared_type) {
  return ascii_lower(declared_type).find("int") != std::string::npos;
}

// One pass over the table's timestamp columns: the format most of each one's values have.
void learn_timestamp_formats(const TablePlan& t, std::vector<ColumnInverse>& out) {
  std::vector<std::size_t> at;
  std::string list;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].column->transform->name != "timestamptz") continue;
    at.push_back(i);
    list += (list.empty() ? "" : ", ") + quote_ident(out[i].column->mapping->source_column);
  }
  if (at.empty() || t.source_table_missing) return;
  std::vector<TimestampFormats> formats(at.size());
  RowCursor cursor(*t.source, "SELECT " + list + " FROM " + quote_ident(t.mapping->source_table));
  while (cursor.next()) {
    for (std::size_t k = 0; k < at.size(); ++k) {
      const SourceValue v = cursor.value(static_cast<int>(k));
      if (v.type == SqliteType::text) formats[k].add(v.bytes);
    }
  }
  for (std::size_t k = 0; k < at.size(); ++k) out[at[k]].context.timestamp = formats[k].dominant();
}

}  // namespace

std::vector<ColumnInverse> column_inverses(const TablePlan& t, const LegacyIds& ids) {
  std::vector<SourceColumn> declared;
  if (!t.source_table_missing) declared = t.source->columns(t.mapping->source_table);
  std::vector<ColumnInverse> out;
  for (const auto& c : t.columns) {
    ColumnInverse inv{&c, find_inverse(c.transform->name), {}};
    if (!inv.invert) {
      throw Failure(ExitCode::config, c.mapping->where + ": " + t.label() + "." +
                                          c.mapping->source_column + ": transform " +
                                          c.mapping->transform + " cannot be run backwards");
    }
    inv.context.convert = &c.context;
    for (const auto& d : declared) {
      if (ascii_lower(d.name) == ascii_lower(c.mapping->source_column))
        inv.context.integer_column = integer_affinity(d.declared_type);
    }
    const ConvertContext* cc = &c.context;
    inv.context.legacy_id = [&ids, cc](const Uuid& id) {
      return ids.find(cc->source, cc->id_table, id);
    };
    out.push_back(std::move(inv));
  }
  learn_timestamp_formats(t, out);
  return out;
}

std::string invert_field(const ColumnInverse& c, const std::optional<std::string_view>& field,
                         SourceValue& out, std::string& scratch) {
  out = SourceValue{};
  if (!field) return {};
  Value v;
  std::string decoded;
  if (auto why = decode_field(c.column->writer, *field, v, decoded); !why.empty()) return why;
  auto why = c.invert(v, c.context, out, scratch);
  // Text the inverse left in the decoder's buffer must outlive this call.
  if (why.empty() && (out.type == SqliteType::text || out.type == SqliteType::blob) &&
      out.bytes.data() >= decoded.data() && out.bytes.data() < decoded.data() + decoded.size()) {
    scratch.assign(out.bytes);
    out.bytes = scratch;
  }
  return why;
}

bool encode_source(const ColumnPlan& c, const SourceValue& v, std::optional<std::string>& out,
                   std::string& scratch) {
  out.reset();
  if (v.type == SqliteType::null) return true;
  Value value;
  if (!c.transform->convert(v, c.context, value, scratch).empty()) return false;
  out.emplace();
  return c.writer.encode(value, *out).empty();
}

}  // namespace s2p
