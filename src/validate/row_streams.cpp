#include "sqlite2pg/validate/row_streams.h"

#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/validate/readback.h"

namespace s2p {

RowStream source_rows(const TablePlan& t, const TupleKey& key, std::size_t sample_limit,
                      std::atomic<std::uint64_t>& progress, Rejections& rejected) {
  return [&, sample_limit](const RowVisitor& visit) {
    TableStream stream(t);
    stream.count_rows_into(progress);
    if (t.mapping->reject_bad_rows) {
      rejected.count = 0;
      rejected.samples.clear();
      stream.collect_refusals([&](const ColumnPlan& c, const std::string& reason,
                                  const std::string& row, const std::string& value,
                                  const RowCursor& cursor) {
        if (rejected.file) rejected.file->add(t, c, reason, row, cursor);
        if (++rejected.count <= sample_limit)
          rejected.samples.push_back({"rejected_in_source", row, "",
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

RowStream recorded_rows(PgSession& pg, const TablePlan& t, const CutoverRecord& baseline) {
  return [&](const RowVisitor& visit) {
    const auto fingerprints = [&](const auto& consume) {
      copy_fingerprints_out(pg, baseline.run_id, t.source_mapping->name, t.mapping->source_table,
                            consume);
    };
    read_back_rows(fingerprints, [&](std::string_view tuple) {
      // One field: the chunk (after the field count and its length).
      for_each_fingerprint(tuple.substr(6, get_u32(tuple, 2)),
                           [&](std::string_view k, const Hash128& h) { visit(k, h, 0); });
    });
  };
}

}  // namespace s2p
