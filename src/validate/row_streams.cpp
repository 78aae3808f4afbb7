#include "sqlite2pg/validate/row_streams.h"

#include <algorithm>
#include <unordered_map>

#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/validate/readback.h"

namespace s2p {

RowStream source_rows(const TablePlan& t, const TupleKey& key, std::size_t sample_limit,
                      std::atomic<std::uint64_t>& progress, Rejections& rejected,
                      const std::vector<std::uint64_t>* picked) {
  return [&, sample_limit, picked](const RowVisitor& visit) {
    TableStream stream(t);
    if (picked) stream.pick_rows(*picked);
    stream.count_rows_into(progress);
    if (t.mapping->reject_bad_rows) {
      rejected.count = 0;
      rejected.samples.clear();
      rejected.keys.clear();
      stream.collect_refusals([&](const ColumnPlan& c, const std::string& reason,
                                  const std::string& row, const std::string& value,
                                  const RowCursor& cursor) {
        if (rejected.file) rejected.file->add(t, c, reason, row, cursor);
        rejected.keys.push_back(key_of_row(t, cursor));
        if (++rejected.count <= sample_limit)
          rejected.samples.push_back({DiffKind::rejected_in_source, row, "",
                                      "column " + c.mapping->source_column + " (" +
                                          c.mapping->transform + "): " + reason + "; value " +
                                          value});
      });
    }
    std::string k;
    stream.observe_rows([&](std::string_view tuple, const Hash128& h) {
      key.extract(tuple, k);
      visit(k, h, stream.locator());
    });
    for (std::string sink; stream.fill(sink);) sink.clear();
  };
}

RowStream target_rows(PgSession& pg, const TablePlan& t, const TupleKey& key) {
  return [&](const RowVisitor& visit) {
    std::string k;
    read_back_rows([&](const auto& consume) { t.copy_out(pg, consume); },
                   [&](std::string_view tuple) {
                     key.extract(tuple, k);
                     visit(k, hash_row(tuple), 0);
                   });
  };
}

namespace {

// The fingerprints one run recorded for the table, each handed to `visit`; with `slots`, only
// those of the chunks that hold keys of these slots.
void read_run(PgSession& pg, const TablePlan& t, std::int64_t run_id,
              const std::vector<std::int32_t>* slots,
              const std::function<void(std::string_view, const Hash128&)>& visit) {
  const auto fingerprints = [&](const auto& consume) {
    if (slots)
      copy_fingerprints_of(pg, run_id, t.source_mapping->name, t.mapping->source_table, *slots,
                           consume);
    else
      copy_fingerprints_out(pg, run_id, t.source_mapping->name, t.mapping->source_table, consume);
  };
  read_back_rows(fingerprints, [&](std::string_view tuple) {
    // One field: the chunk (after the field count and its length).
    for_each_fingerprint(tuple.substr(6, get_u32(tuple, 2)), visit);
  });
}

}  // namespace

RowStream recorded_rows(PgSession& pg, const TablePlan& t, const CutoverRecord& baseline) {
  return recorded_rows_of(pg, t, baseline, {});
}

RowStream recorded_rows_of(PgSession& pg, const TablePlan& t, const CutoverRecord& baseline,
                           const std::unordered_set<std::string>& keys) {
  const auto* only = keys.empty() ? nullptr : &keys;
  return [&, only](const RowVisitor& visit_any) {
    std::string probe;
    const auto wanted = [&](std::string_view k) {
      if (!only) return true;
      probe.assign(k);
      return only->count(probe) > 0;
    };
    const auto visit = [&](std::string_view k, const Hash128& h, std::uint64_t l) {
      if (wanted(k)) visit_any(k, h, l);
    };
    const auto& runs = baseline.fingerprint_runs;
    if (runs.empty()) return;
    // A few keys of runs filed by key: only their chunks are read.
    std::vector<std::int32_t> slots;
    if (only && baseline.filed_by_key) {
      for (const auto& k : *only) slots.push_back(key_slot(k));
      std::sort(slots.begin(), slots.end());
      slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    }
    const auto* few = slots.empty() ? nullptr : &slots;
    // The change runs' rows, the latest winning, over the full run's: memory holds the changes.
    std::unordered_map<std::string, Hash128> changed;
    for (std::size_t i = 1; i < runs.size(); ++i) {
      read_run(pg, t, runs[i], few,
               [&](std::string_view k, const Hash128& h) { changed[std::string(k)] = h; });
    }
    std::string key;
    read_run(pg, t, runs[0], few, [&](std::string_view k, const Hash128& h) {
      if (changed.empty()) return visit(k, h, 0);
      key.assign(k);
      const auto c = changed.find(key);
      if (c == changed.end()) return visit(k, h, 0);
      if (!(c->second == kDeletedRow)) visit(k, c->second, 0);
      changed.erase(c);
    });
    for (const auto& [k, h] : changed) {
      if (!(h == kDeletedRow)) visit(k, h, 0);
    }
  };
}

}  // namespace s2p
