#include "sqlite2pg/load/computed_values.h"

#include <unistd.h>

#include <cstring>

#include "sqlite2pg/load/row_picker.h"
#include "sqlite2pg/pg/server_values.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/private_file.h"

namespace s2p {
namespace {

// A batch: this many rows or this many bytes of text, whichever comes first.
constexpr std::size_t kBatchRows = 5000;
constexpr std::size_t kBatchBytes = 8 << 20;

// An entry: locator (8 bytes), present (1), length (4), PostgreSQL's binary value.
constexpr std::size_t kHeader = 13;

class SpoolWriter {
 public:
  SpoolWriter(PgSession& pg, const TablePlan& t, ComputedValues& values)
      : pg_(pg), t_(t), values_(values) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (!t.columns[i].transform->computed_by_server) continue;
      ComputedValues::Spool spool;
      spool.column = i;
      spool.file.reset(anonymous_temp_file());
      values_.spools.push_back(std::move(spool));
    }
    texts_.resize(values_.spools.size());
  }

  void add(const RowCursor& cursor, std::uint64_t locator) {
    locators_.push_back(locator);
    for (std::size_t s = 0; s < values_.spools.size(); ++s) {
      const ColumnPlan& c = t_.columns[values_.spools[s].column];
      const SourceValue v = cursor.value(c.select_index);
      Value checked;
      std::string scratch;
      // A value the transform refuses is sent as NULL: the stream stops at it before it asks.
      if (v.type == SqliteType::null ||
          !c.transform->convert(v, c.context, checked, scratch).empty()) {
        texts_[s].emplace_back(std::nullopt);
      } else {
        texts_[s].emplace_back(std::string(checked.bytes));
        bytes_ += checked.bytes.size();
      }
    }
    if (locators_.size() >= kBatchRows || bytes_ >= kBatchBytes) flush();
  }

  void flush() {
    if (locators_.empty()) return;
    for (std::size_t s = 0; s < values_.spools.size(); ++s) {
      auto& spool = values_.spools[s];
      const auto computed =
          server_tsvectors(pg_, t_.columns[spool.column].mapping->config, texts_[s]);
      std::string out;
      for (std::size_t r = 0; r < computed.size(); ++r) append(out, locators_[r], computed[r]);
      if (std::fwrite(out.data(), 1, out.size(), spool.file.get()) != out.size() ||
          std::fflush(spool.file.get()) != 0)
        throw Failure(ExitCode::internal,
                      "cannot write a temporary file: " + std::string(std::strerror(errno)));
      spool.size += out.size();
      texts_[s].clear();
    }
    locators_.clear();
    bytes_ = 0;
  }

 private:
  static void append(std::string& out, std::uint64_t locator, const std::optional<std::string>& v) {
    char header[kHeader];
    std::memcpy(header, &locator, 8);
    header[8] = v ? 1 : 0;
    const auto length = static_cast<std::uint32_t>(v ? v->size() : 0);
    std::memcpy(header + 9, &length, 4);
    out.append(header, kHeader);
    if (v) out += *v;
  }

  PgSession& pg_;
  const TablePlan& t_;
  ComputedValues& values_;
  std::vector<std::uint64_t> locators_;
  std::vector<std::vector<std::optional<std::string>>> texts_;
  std::size_t bytes_ = 0;
};

void compute_table(PgSession& pg, const TablePlan& t) {
  auto values = std::make_shared<ComputedValues>();
  SpoolWriter writer(pg, t, *values);
  if (!t.source_table_missing) {
    RowCursor cursor(*t.source, t.select_sql);
    std::uint64_t position = 0;
    while (cursor.next()) {
      writer.add(cursor, locator_of(t, cursor, ++position));
      if (position % 65536 == 0) throw_if_interrupted("computing " + t.label() + "'s tsvectors");
    }
  }
  writer.flush();
  t.computed = std::move(values);
}

bool read_at(int fd, std::uint64_t offset, char* into, std::size_t n) {
  while (n) {
    const ssize_t got = ::pread(fd, into, n, static_cast<off_t>(offset));
    if (got <= 0) return false;
    into += got, offset += static_cast<std::uint64_t>(got), n -= static_cast<std::size_t>(got);
  }
  return true;
}

}  // namespace

bool has_computed_columns(const TablePlan& t) {
  for (const auto& c : t.columns) {
    if (c.transform->computed_by_server) return true;
  }
  return false;
}

void compute_server_values(PgSession& pg, const LoadPlan& plan) {
  for (const auto& t : plan.tables) {
    if (has_computed_columns(t)) compute_table(pg, t);
  }
}

std::string ComputedReader::substitute(std::size_t column, std::uint64_t locator, Value& out,
                                       std::string& scratch) {
  if (!t_.computed) return "PostgreSQL's values for this column were not fetched";
  std::size_t s = 0;
  while (s < t_.computed->spools.size() && t_.computed->spools[s].column != column) ++s;
  if (s == t_.computed->spools.size()) return "the column is not computed by PostgreSQL";
  const auto& spool = t_.computed->spools[s];
  const int fd = fileno(spool.file.get());
  // Rows come in the order they were fetched, but for rows picked again by rowid: look from
  // where the last one was, once round the file.
  std::uint64_t& at = offsets_[s];
  for (std::uint64_t scanned = 0; scanned <= spool.size;) {
    if (at >= spool.size) at = 0;
    char header[kHeader];
    if (!read_at(fd, at, header, kHeader)) break;
    std::uint64_t entry;
    std::uint32_t length;
    std::memcpy(&entry, header, 8);
    std::memcpy(&length, header + 9, 4);
    const std::uint64_t next = at + kHeader + length;
    if (entry == locator) {
      scratch.resize(length);
      if (!read_at(fd, at + kHeader, scratch.data(), length)) break;
      at = next;
      if (!header[8]) return "PostgreSQL computed NULL from it";
      out = {.kind = ValueKind::tsvector, .bytes = scratch};
      return {};
    }
    scanned += next - at;
    at = next;
  }
  return "PostgreSQL's value for this row was not fetched (the row was added since?)";
}

}  // namespace s2p
