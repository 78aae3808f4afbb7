// sqlite2pg's command line: parses options, runs one command, and turns any failure into a
// message and an exit code (the only place that does).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/logging.h"
#include "sqlite2pg/util/secrets.h"

namespace {

using s2p::ExitCode;

void add_target(CLI::App* cmd, s2p::RunOptions& o) {
  cmd->add_option("--target", o.target_dsn,
                  "PostgreSQL connection string or URI (default: libpq's PG* variables)");
}

void add_sources(CLI::App* cmd, s2p::RunOptions& o, std::vector<std::string>& sources) {
  cmd->add_option("--mappings", o.mappings_dir, "directory of mapping YAML files")
      ->capture_default_str();
  cmd->add_option("--source", sources,
                  "NAME=PATH: read source NAME from PATH instead of its production path");
  cmd->add_option("--report", o.report, "write the run's JSON report to FILE (created 0600)");
}

}  // namespace

int main(int argc, char** argv) {
  s2p::install_interrupt_handling();  // first: every thread started later inherits it
  s2p::RunOptions options;
  std::vector<std::string> sources;
  std::string log_level = "info";
  bool quiet = false;

  CLI::App app{"sqlite2pg: move SQLite databases into PostgreSQL, all or nothing, and prove it",
               "sqlite2pg"};
  app.set_version_flag("--version", std::string("sqlite2pg ") + SQLITE2PG_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // --quiet and --log-level work after the command name too
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "no progress; print only warnings, errors and the verdict");
  std::optional<std::string> log_file;
  app.add_option("--log-file", log_file, "also write the log to FILE");
  double connect_timeout = 10;
  auto* connect_timeout_option =
      app.add_option("--connect-timeout", connect_timeout,
                     "seconds to wait for PostgreSQL to answer a connection")
          ->capture_default_str()
          ->check(CLI::Range(1.0, 3600.0));
  app.add_option("--lock-timeout", options.lock_timeout_seconds,
                 "seconds to wait for a lock another session holds (0: forever)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 86400.0));
  app.add_option("--statement-timeout", options.statement_timeout_seconds,
                 "seconds any one statement may run (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 86400.0));
  double busy_timeout = 10;
  app.add_option("--busy-timeout", busy_timeout,
                 "seconds to wait for a SQLite writer's lock before failing")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  app.add_option("--progress-interval", options.progress_interval_seconds,
                 "seconds between progress lines when stderr is not a terminal")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 3600.0));

  auto* schema = app.add_subcommand("schema", "apply or list the numbered SQL migrations");
  schema->require_subcommand(1);
  for (auto* sub : {schema->add_subcommand("up", "apply pending migrations in one transaction"),
                    schema->add_subcommand("status", "list applied and pending migrations")}) {
    add_target(sub, options);
    sub->add_option("--migrations", options.migrations_dir, "directory of NNN_name.sql files")
        ->capture_default_str();
  }
  auto* migrate =
      app.add_subcommand("migrate", "apply migrations, load every mapped table, validate, commit");
  add_target(migrate, options);
  add_sources(migrate, options, sources);
  migrate->add_option("--migrations", options.migrations_dir, "directory of NNN_name.sql files")
      ->capture_default_str();
  migrate->add_flag("--dry-run", options.dry_run,
                    "do everything, then roll back; the exit code says if it would commit");
  migrate->add_option(
      "--rejects", options.rejects,
      "where tables with on_error: reject write the rows they refuse (created 0600)");
  migrate->add_option("--batch-bytes", options.batch_bytes, "COPY data handed to libpq per call")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  migrate
      ->add_option("--copy-format", options.copy_format,
                   "binary (fast), or text (PostgreSQL parses every value; a cross-check)")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, s2p::CopyFormat>{{"binary", s2p::CopyFormat::binary},
                                                 {"text", s2p::CopyFormat::text}},
          CLI::ignore_case));
  migrate->add_flag("--replace", options.replace,
                    "empty target tables that already hold rows (in the same transaction)");
  auto* plan = app.add_subcommand(
      "plan", "preflight: report everything that would make migrate fail; writes nothing");
  add_target(plan, options);
  add_sources(plan, options, sources);
  plan->add_option("--migrations", options.migrations_dir, "directory of NNN_name.sql files")
      ->capture_default_str();
  plan->add_flag("--replace", options.replace, "target tables holding rows are not a problem");
  plan->add_option("--limit", options.sample_limit, "rows named per problem")
      ->capture_default_str();
  s2p::ScaffoldCommand scaffold;
  auto* scaffold_cmd =
      app.add_subcommand("scaffold", "propose a mapping (and a target schema) for a SQLite file");
  scaffold_cmd->add_option("SQLITE_FILE", scaffold.options.sqlite_file, "the SQLite database")
      ->required();
  scaffold_cmd->add_option("--source", scaffold.options.source_name,
                           "source name (default: the file name)");
  scaffold_cmd->add_option("--schema", scaffold.options.target_schema,
                           "target schema (default: the source name)");
  scaffold_cmd->add_option("-o,--output", scaffold.output,
                           "write the mapping to FILE instead of stdout");
  scaffold_cmd->add_option("--ddl", scaffold.ddl, "also write a CREATE TABLE migration to FILE");
  scaffold_cmd->add_option("--sample", scaffold.options.sample_rows, "rows sampled per table")
      ->capture_default_str();
  auto* verify = app.add_subcommand("verify", "compare every mapped source with the target");
  add_target(verify, options);
  add_sources(verify, options, sources);
  verify->add_flag(
      "--exact", options.exact,
      "also fail on rows changed or added in PostgreSQL: the target must equal the sources");
  verify->add_option("--archive", options.archive_dir,
                     "after a SAFE verdict, write a checked .tar.gz of the SQLite files into DIR");
  verify->add_option("--limit", options.sample_limit, "rows named per kind of difference and table")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));

  // CLI11 would call a misspelt command a missing one; name it instead.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string command = argv[1];
    if (command != "schema" && command != "migrate" && command != "verify" && command != "plan" &&
        command != "scaffold") {
      std::fprintf(stderr,
                   "unknown command '%s' (commands: schema, plan, migrate, verify, scaffold)\n",
                   command.c_str());
      std::fprintf(stderr, "Run with --help for more information.\n");
      return static_cast<int>(ExitCode::usage);
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : static_cast<int>(ExitCode::usage);
  }

  const std::string password = s2p::password_of(options.target_dsn);
  try {
    s2p::setup_logging(log_level, quiet, log_file);
    s2p::SqliteSource::set_busy_timeout(busy_timeout);
    // libpq takes connect_timeout from the DSN first, then PGCONNECT_TIMEOUT: an explicit
    // option wins over the environment, the default does not.
    const std::string seconds = std::to_string(static_cast<int>(connect_timeout));
    setenv("PGCONNECT_TIMEOUT", seconds.c_str(), connect_timeout_option->count() > 0 ? 1 : 0);
    options.quiet = quiet;
    for (const auto& s : sources) {
      const auto eq = s.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == s.size()) {
        throw s2p::Failure(ExitCode::usage, "--source takes NAME=PATH, got '" + s + "'");
      }
      options.source_paths[s.substr(0, eq)] = s.substr(eq + 1);
    }
    ExitCode code = ExitCode::ok;
    if (schema->parsed()) {
      code = schema->get_subcommands().front()->get_name() == "up"
                 ? s2p::run_schema_up(options)
                 : s2p::run_schema_status(options);
    } else if (migrate->parsed()) {
      code = s2p::run_migrate(options);
    } else if (plan->parsed()) {
      code = s2p::run_plan(options);
    } else if (scaffold_cmd->parsed()) {
      code = s2p::run_scaffold(scaffold);
    } else {
      code = s2p::run_verify(options);
    }
    return static_cast<int>(code);
  } catch (...) {
    const s2p::Failure f = s2p::current_failure();
    std::fprintf(stderr, "error: %s\n", s2p::redact(f.what(), password).c_str());
    if (f.code() == ExitCode::usage)
      std::fprintf(stderr, "Run with --help for more information.\n");
    return static_cast<int>(f.code());
  }
}
