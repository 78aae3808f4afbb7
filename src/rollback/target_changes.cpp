#include "sqlite2pg/rollback/target_changes.h"

#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/validate/table_verify.h"

namespace s2p {
namespace {

void refuse_shared_keys(const TablePlan& t, const KeyedRow& r) {
  if (r.source.count <= 1 && r.target.count <= 1) return;
  throw Failure(ExitCode::source_data,
                t.where() +
                    ": rows that share one key (exact duplicates, or NULLs in the key) "
                    "differ between SQLite and " +
                    t.mapping->target_name() +
                    ", and rollback cannot tell them apart; it needs a primary key (or a source "
                    "key) without duplicates");
}

// One key whose source row and target row differ: what rollback writes to SQLite.
void decide(std::string_view key, const KeyedRow& r, TargetChanges& out) {
  if (!r.target.count) {
    out.spool.add(WriteBack::remove, key, r.locator);
  } else if (!r.source.count) {
    out.spool.add(WriteBack::insert, key, 0);
  } else {
    out.spool.add(WriteBack::update, key, r.locator);
  }
}

// SQLite's own changes, named as verify names them (a second read, on the way to a refusal).
void name_drift(PgSession& pg, const TablePlan& t, const CutoverRecord& baseline,
                std::size_t sample_limit, TargetChanges& out) {
  std::atomic<std::uint64_t> progress{0};
  const auto c = compare_table(pg, t, baseline, sample_limit, progress);
  for (const auto& s : c.samples) {
    if (is_drift(s.kind)) out.drift.push_back(s);
  }
}

}  // namespace

TargetChanges find_target_changes(PgSession& pg, const TablePlan& t, const CutoverRecord& baseline,
                                  std::size_t sample_limit, std::atomic<std::uint64_t>& progress) {
  TargetChanges out;
  const TupleKey key(t.key_fields);
  Rejections rejected;
  DiffInput in;
  in.sample_limit = 0;
  in.source = source_rows(t, key, sample_limit, progress, rejected);
  in.target = target_rows(pg, t, key);
  in.recorded = std::make_pair(baseline.checksum, baseline.rows);
  in.baseline = recorded_rows(pg, t, baseline);
  in.on_key = [&](std::string_view k, const KeyedRow& r) {
    if (r.source == r.target) return;
    refuse_shared_keys(t, r);
    decide(k, r, out);
  };
  const TableDiff d = diff_table(in);
  out.source = d.source;
  out.target = d.target;
  out.rejected = rejected.count;
  out.drifted = d.counts.drift();
  if (out.drifted) name_drift(pg, t, baseline, sample_limit, out);
  return out;
}

}  // namespace s2p
