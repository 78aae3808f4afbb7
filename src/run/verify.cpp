// sqlite2pg verify: proof that the SQLite files can be deleted. Every mapped source is re-read
// (read-only, one snapshot each) and compared with the target, and with the fingerprints the
// last committed cutover recorded, row by row under each row's key.
#include <spdlog/spdlog.h>

#include <cstdio>

#include "source_proof.h"
#include "sqlite2pg/run/archive.h"
#include "sqlite2pg/run/command_context.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/run/verify_tables.h"

namespace s2p {
namespace {

void print_verify(const RunResult& r) {
  print_verify_tables(r);
  for (const auto& reason : r.reasons) std::printf("  - %s\n", reason.c_str());
  std::printf("%s\n", r.verdict.c_str());
  if (r.archive) {
    std::printf(
        "archive: %s\n  sha256 %s, %zu file(s), read back and checked against the manifest\n",
        r.archive->path.c_str(), r.archive->sha256.c_str(), r.archive->files.size());
  }
  std::fflush(stdout);
}

void verify(const VerifyOptions& options, RunResult& result) {
  auto mappings = load_source_mappings(options.mappings_dir, options.source_paths);
  const auto wal_before = wal_states_before(mappings);
  auto sources = open_sources(std::move(mappings), {result.mapping_files, result.sources},
                              /*check_integrity=*/true);
  for (const auto& s : result.sources) {
    if (!s.same_file_as.empty())
      spdlog::info("source {} is the same file as source {}: read once", s.name, s.same_file_as);
    if (s.empty_file)
      spdlog::info("source {} ({}) is a 0-byte file: an empty database", s.name, s.path);
  }
  CommandContext ctx(options, result);
  ctx.adopt(std::move(sources));
  ctx.begin(TransactionMode::read_only);  // one consistent view of the target, no writes
  for (auto& reason : verify_tables(ctx.pg(), ctx.build_plan(), options, result))
    result.reasons.push_back(std::move(reason.text));
  ctx.end_snapshots();
  for (auto& reason : files_that_moved(wal_before, result)) result.reasons.push_back(reason);
}

}  // namespace

ExitCode run_verify(const VerifyOptions& options) {
  RunResult result;
  result.command = options.exact ? "verify --exact" : "verify";
  const auto body = [&] {
    verify(options, result);
    if (result.reasons.empty()) {
      result.verdict = "SAFE TO DELETE: PostgreSQL holds every source row" +
                       std::string(options.exact ? ", exactly" : "") +
                       ", and nothing was written to SQLite after the cutover. The proof covers "
                       "exactly " +
                       proof_scope(result);
      if (options.archive_dir)
        result.archive = archive_sources(result.sources, result.wal, *options.archive_dir);
    } else {
      result.exit_code = ExitCode::mismatch;
      result.verdict = "NOT SAFE: keep the SQLite files (" + std::to_string(result.reasons.size()) +
                       " reason(s) above)";
    }
  };
  return run_and_report(
      result, options, body,
      [](const Failure& f) { return "NOT VERIFIED: " + std::string(f.what()); }, print_verify);
}

}  // namespace s2p
