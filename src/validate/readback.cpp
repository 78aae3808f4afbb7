#include "sqlite2pg/validate/readback.h"

namespace s2p {

RowChecksum read_back_table(PgSession& pg, const TablePlan& t, std::atomic<std::uint64_t>& done) {
  RowChecksum back;
  read_back_rows([&](const auto& consume) { t.copy_out(pg, consume); },
                 [&](std::string_view tuple) {
                   back.add_row(tuple);
                   done.fetch_add(1, std::memory_order_relaxed);
                 });
  return back;
}

}  // namespace s2p
