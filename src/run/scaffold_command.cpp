// sqlite2pg scaffold: a starter mapping (and optionally a target schema) for any SQLite file.
#include <unistd.h>

#include <cstdio>

#include "sqlite2pg/pg/catalog.h"
#include "sqlite2pg/pg/transaction.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/scaffold/scaffold.h"
#include "sqlite2pg/util/printable.h"
#include "sqlite2pg/util/private_file.h"

namespace s2p {
namespace {

// Both files are checked (no link, no FIFO, a folder that is there) before either is written.
void write_files(const ScaffoldRequest& command, const Scaffold& s) {
  if (!command.output.empty())
    ::close(open_private_file(command.output, "--output", Existing::keep, ExitCode::usage));
  if (!command.ddl.empty())
    ::close(open_private_file(command.ddl, "--ddl", Existing::keep, ExitCode::usage));
  if (!command.output.empty()) {
    write_private_file(command.output, "--output", s.mapping_yaml, ExitCode::usage);
    std::fprintf(stderr, "mapping written to %s\n", printable(command.output).c_str());
  }
  if (!command.ddl.empty()) {
    write_private_file(command.ddl, "--ddl", s.ddl, ExitCode::usage);
    std::fprintf(stderr, "target schema written to %s\n", printable(command.ddl).c_str());
  }
}

// Each item on a line of its own: the names in it, from the file or the target, escaped.
void print_list(const char* title, const std::vector<std::string>& items) {
  if (items.empty()) return;
  std::fprintf(stderr, "%s\n", title);
  for (const auto& item : items) std::fprintf(stderr, "  - %s\n", printable(item).c_str());
}

// Onto an existing schema: read in one read-only snapshot of the target.
Scaffold scaffold_onto_target(const ScaffoldRequest& command) {
  ScaffoldOptions options = command.options;
  options.fold_names = false;  // the target's names are what they are
  PgSession pg(command.target_dsn, command.lock_timeout_seconds, command.statement_timeout_seconds);
  Transaction snapshot(pg, TransactionMode::read_only);
  if (!options.target_schema.empty() && !schema_exists(pg, options.target_schema))
    throw Failure(ExitCode::config, "the target has no schema " + printable(options.target_schema));
  return scaffold_onto(options, pg);
}

}  // namespace

ExitCode run_scaffold(const ScaffoldRequest& command) {
  ScaffoldOptions options = command.options;
  options.fold_names = command.names == "lower";
  const Scaffold s = command.target_dsn.empty() ? scaffold(options) : scaffold_onto_target(command);
  if (command.output.empty()) std::fwrite(s.mapping_yaml.data(), 1, s.mapping_yaml.size(), stdout);
  write_files(command, s);
  print_list("to review (also in the files' comments):", s.notes);
  print_list("to decide before the mapping is complete (also at its top):", s.decisions);
  return s.decisions.empty() ? ExitCode::ok : ExitCode::config;
}

}  // namespace s2p
