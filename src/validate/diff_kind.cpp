#include "sqlite2pg/validate/diff_kind.h"

namespace s2p {
namespace {

struct KindRow {
  DiffKind kind;
  const char* name;
  const char* verify;    // what verify's (and inventory's) rows of the kind are
  const char* sync;      // sync's
  const char* rollback;  // rollback's
  bool fatal;            // alone makes verify's proof fail
  bool fatal_exact;      // ... with --exact
};

// Indexed by DiffKind.
constexpr KindRow kKinds[] = {
    {DiffKind::added_in_source, "added_in_source", "added to SQLite after the cutover", nullptr,
     "added to SQLite after the last migrate or sync", true, true},
    {DiffKind::changed_in_source, "changed_in_source", "changed in SQLite after the cutover",
     nullptr, "changed in SQLite after the last migrate or sync", true, true},
    {DiffKind::deleted_in_source, "deleted_in_source", "deleted from SQLite after the cutover",
     nullptr, "deleted from SQLite after the last migrate or sync", true, true},
    {DiffKind::not_written_back, "not_written_back", nullptr, nullptr,
     "held by PostgreSQL with a value SQLite has no form for", false, false},
    {DiffKind::target_key_taken, "target_key_taken", nullptr,
     "added to SQLite, but PostgreSQL already holds their key", nullptr, false, false},
    {DiffKind::missing_in_target, "missing_in_target", "missing from PostgreSQL", nullptr,
     "in the written file but not in PostgreSQL", true, true},
    {DiffKind::changed_in_target, "changed_in_target", "changed in PostgreSQL since the cutover",
     "changed in PostgreSQL since the last migrate or sync",
     "different in the written file and in PostgreSQL", false, true},
    {DiffKind::deleted_in_target, "deleted_in_target", nullptr,
     "deleted from PostgreSQL since the last migrate or sync", nullptr, false, false},
    {DiffKind::extra_in_target, "extra_in_target", "only in PostgreSQL", nullptr,
     "in PostgreSQL but not in the written file", false, true},
    {DiffKind::rejected_in_source, "rejected_in_source",
     "refused by their transforms (on_error: reject), so PostgreSQL does not hold them",
     "refused by their transforms (on_error: reject), not in PostgreSQL", nullptr, true, true},
};
static_assert(std::size(kKinds) == kDiffKindCount);

constexpr bool indexed_by_kind() {
  for (std::size_t i = 0; i < kDiffKindCount; ++i)
    if (static_cast<std::size_t>(kKinds[i].kind) != i || kAllDiffKinds[i] != kKinds[i].kind)
      return false;
  return true;
}
static_assert(indexed_by_kind());

const KindRow& row(DiffKind kind) { return kKinds[static_cast<std::size_t>(kind)]; }

}  // namespace

std::string_view name_of(DiffKind kind) { return row(kind).name; }

const char* meaning_of(DiffKind kind, DiffReader reader) {
  switch (reader) {
    case DiffReader::verify:
      return row(kind).verify;
    case DiffReader::sync:
      return row(kind).sync;
    case DiffReader::rollback:
      break;
  }
  return row(kind).rollback;
}

bool fatal_in_verify(DiffKind kind, bool exact) {
  return exact ? row(kind).fatal_exact : row(kind).fatal;
}

bool is_change(DiffKind kind) {
  return kind == DiffKind::changed_in_source || kind == DiffKind::changed_in_target;
}

bool is_drift(DiffKind kind) {
  return kind == DiffKind::added_in_source || kind == DiffKind::changed_in_source ||
         kind == DiffKind::deleted_in_source;
}

std::uint64_t DiffTally::drift() const {
  return (*this)[DiffKind::added_in_source] + (*this)[DiffKind::changed_in_source] +
         (*this)[DiffKind::deleted_in_source];
}

}  // namespace s2p
