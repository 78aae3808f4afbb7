#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

#include "sqlite2pg/copy/text_copy.h"
#include "sqlite2pg/load/reject_file.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"

namespace s2p {

struct LoadSettings {
  std::size_t batch_bytes = 1 << 20;  // COPY data handed to libpq per call
  CopyFormat format = CopyFormat::binary;
};

struct LoadedTable {
  std::uint64_t loaded_rows = 0;
  std::uint64_t rejected_rows = 0;  // on_error: reject; loaded + rejected = source rows
  std::uint64_t remapped_ids = 0;
  std::string checksum;  // of the rows sent
  double seconds = 0;
};

// Streams one table from SQLite into its target (read and transformed on a second thread while
// this one sends), then records its remapped ids and, for run `run_id`, its per-row
// fingerprints. A row PostgreSQL refuses is named by its source row; with `rejects`, rows whose
// values cannot be loaded go there instead of stopping the run.
LoadedTable load_table(PgSession& pg, const TablePlan& t, std::int64_t run_id,
                       const LoadSettings& settings, std::atomic<std::uint64_t>& progress,
                       RejectFile* rejects);

}  // namespace s2p
