#pragma once
// Plans one mapped table (the plan module's own helper for build_plan): checks it against its
// source and target and chooses each column's converter and encoder. Problems go to `problem`.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/plan/plan.h"

namespace s2p {

using ProblemSink = std::function<void(const char* category, std::string text)>;

class TablePlanner {
 public:
  TablePlanner(PgSession& pg, ProblemSink problem, std::vector<std::string>& warnings,
               bool absent_tables_empty)
      : pg_(pg),
        problem_(std::move(problem)),
        warnings_(warnings),
        absent_tables_empty_(absent_tables_empty) {}

  // Nothing when the table cannot be planned (the problem is recorded).
  std::optional<TablePlan> plan(const SourceMapping& sm, const TableMapping& tm,
                                SqliteSource& source);

 private:
  bool read_source_columns(TablePlan& t);
  void add_rowid(TablePlan& t, std::string& list) const;
  void choose_key_names(TablePlan& t) const;
  std::optional<ColumnPlan> plan_column(TablePlan& t, const ColumnMapping& cm);
  bool check_types(const ColumnMapping& cm, const ColumnPlan& c, const TableMapping& tm);
  void check_unfed_columns(const TablePlan& t, const std::string& at);
  void warn_unmapped(const TablePlan& t);
  static void choose_key_fields(TablePlan& t);
  bool has_source_column(const TablePlan& t, const std::string& name) const;
  int select_index(const std::string& name);

  PgSession& pg_;
  ProblemSink problem_;
  std::vector<std::string>& warnings_;
  bool absent_tables_empty_;
  std::vector<SourceColumn> source_columns_;  // of the table being planned
  std::vector<std::string> select_;           // its SELECT list so far
};

}  // namespace s2p
