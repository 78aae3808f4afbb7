#pragma once
// The one vocabulary of row differences: what verify, sync and rollback find, how reports spell
// each kind, what it means to an operator of each command, and which kinds make deletion unsafe.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace s2p {

// In the order the commands print them.
enum class DiffKind : std::uint8_t {
  added_in_source,    // the source holds a row the cutover's fingerprints do not
  changed_in_source,  // ... a row they hold with other values
  deleted_in_source,  // ... no longer a row they hold
  not_written_back,   // rollback: PostgreSQL holds a value SQLite has no form for
  target_key_taken,   // sync: a new source row whose key the target already holds
  missing_in_target,  // the source holds a row the target does not
  changed_in_target,  // ... a row the target holds with other values
  deleted_in_target,  // sync: a row deleted from the target since the last migrate or sync
  extra_in_target,    // the target holds a row the source does not
  rejected_in_source  // on_error: reject refused the row, so the target does not hold it
};
inline constexpr std::size_t kDiffKindCount = 10;
inline constexpr std::array<DiffKind, kDiffKindCount> kAllDiffKinds = {
    DiffKind::added_in_source,   DiffKind::changed_in_source, DiffKind::deleted_in_source,
    DiffKind::not_written_back,  DiffKind::target_key_taken,  DiffKind::missing_in_target,
    DiffKind::changed_in_target, DiffKind::deleted_in_target, DiffKind::extra_in_target,
    DiffKind::rejected_in_source};

// The commands that report differences, each reading them its own way (inventory reads them as
// verify does).
enum class DiffReader : std::uint8_t { verify, sync, rollback };

// How reports spell `kind`: "added_in_source".
std::string_view name_of(DiffKind kind);
// What `reader`'s rows of `kind` are to an operator, after "N row(s)": "added to SQLite after
// the cutover". nullptr: `reader` never reports `kind`.
const char* meaning_of(DiffKind kind, DiffReader reader);
// Whether rows of `kind` alone make verify's proof fail (`exact`: with --exact).
bool fatal_in_verify(DiffKind kind, bool exact);
// Whether rows of `kind` differ in their values (worth naming the columns that differ).
bool is_change(DiffKind kind);
// Whether `kind` is the source's drift since the cutover: added, changed or deleted in SQLite.
bool is_drift(DiffKind kind);

// Rows counted per kind.
class DiffTally {
 public:
  std::uint64_t& operator[](DiffKind kind) { return n_[static_cast<std::size_t>(kind)]; }
  std::uint64_t operator[](DiffKind kind) const { return n_[static_cast<std::size_t>(kind)]; }
  std::uint64_t drift() const;  // added, changed and deleted in the source

 private:
  std::array<std::uint64_t, kDiffKindCount> n_{};
};

}  // namespace s2p
