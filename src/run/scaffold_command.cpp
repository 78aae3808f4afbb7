// sqlite2pg scaffold: a starter mapping (and optionally a target schema) for any SQLite file.
#include <unistd.h>

#include <cstdio>

#include "sqlite2pg/pg/catalog.h"
#include "sqlite2pg/pg/transaction.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/scaffold/scaffold.h"
#include "sqlite2pg/util/private_file.h"

namespace s2p {
namespace {

// Both files are checked (no link, no FIFO, a folder that is there) before either is written.
void write_files(const ScaffoldCommand& command, const Scaffold& s) {
  if (!command.output.empty())
    ::close(open_private_file(command.output, "--output", Existing::keep, ExitCode::usage));
  if (!command.ddl.empty())
    ::close(open_private_file(command.ddl, "--ddl", Existing::keep, ExitCode::usage));
  if (!command.output.empty()) {
    write_private_file(command.output, "--output", s.mapping_yaml, ExitCode::usage);
    std::fprintf(stderr, "mapping written to %s\n", command.output.c_str());
  }
  if (!command.ddl.empty()) {
    write_private_file(command.ddl, "--ddl", s.ddl, ExitCode::usage);
    std::fprintf(stderr, "target schema written to %s\n", command.ddl.c_str());
  }
}

// Onto an existing schema: read in one read-only snapshot of the target.
Scaffold scaffold_onto_target(const ScaffoldCommand& command) {
  ScaffoldOptions options = command.options;
  options.fold_names = false;  // the target's names are what they are
  PgSession pg(command.target_dsn, command.lock_timeout_seconds, command.statement_timeout_seconds);
  Transaction snapshot(pg, TransactionMode::read_only);
  if (!options.target_schema.empty() && !schema_exists(pg, options.target_schema))
    throw Failure(ExitCode::config, "the target has no schema " + options.target_schema);
  return scaffold_onto(options, pg);
}

}  // namespace

ExitCode run_scaffold(const ScaffoldCommand& command) {
  ScaffoldOptions options = command.options;
  options.fold_names = command.names == "lower";
  const Scaffold s = command.target_dsn.empty() ? scaffold(options) : scaffold_onto_target(command);
  if (command.output.empty()) std::fwrite(s.mapping_yaml.data(), 1, s.mapping_yaml.size(), stdout);
  write_files(command, s);
  if (!s.notes.empty()) {
    std::fprintf(stderr, "to review (also in the files' comments):\n");
    for (const auto& n : s.notes) std::fprintf(stderr, "  - %s\n", n.c_str());
  }
  if (!s.decisions.empty()) {
    std::fprintf(stderr, "to decide before the mapping is complete (also at its top):\n");
    for (const auto& d : s.decisions) std::fprintf(stderr, "  - %s\n", d.c_str());
    return ExitCode::config;
  }
  return ExitCode::ok;
}

}  // namespace s2p
