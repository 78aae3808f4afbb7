// sqlite2pg inventory: every SQLite file under the folders given, what it is, and whether it
// may be deleted. Mapped sources are judged by verify's comparison; other files by their
// contents, a stale copy through the mapping of the source it copies. Nothing is written but
// the report, the deletion script and the archive asked for.
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>

#include "inventory_files.h"
#include "sqlite2pg/inventory/deletion_script.h"
#include "sqlite2pg/inventory/tree_walk.h"
#include "sqlite2pg/run/archive.h"
#include "sqlite2pg/run/command_context.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/run/verify_tables.h"
#include "sqlite2pg/util/private_file.h"

namespace s2p {
namespace fs = std::filesystem;
namespace {

// Mapped sources whose file is gone are not verified (an inventory after a cleanup).
std::vector<SourceMapping> present_sources(const InventoryOptions& options, RunResult& result) {
  std::vector<SourceMapping> present;
  for (auto& m : load_source_mappings(options.verify.mappings_dir, options.verify.source_paths)) {
    std::error_code ec;
    if (fs::exists(m.path, ec)) {
      present.push_back(std::move(m));
    } else {
      result.warnings.push_back("source " + m.name + ": " + m.path +
                                " does not exist; not verified");
    }
  }
  return present;
}

MappedFiles mapped_files(const RunResult& result, const std::vector<SourceReason>& reasons) {
  MappedFiles mapped;
  for (const auto& s : result.sources) {
    struct stat st {};
    if (::stat(s.real_path.c_str(), &st) != 0) continue;
    auto& m = mapped[{st.st_dev, st.st_ino}];
    m.sources += (m.sources.empty() ? "" : ", ") + s.name;
    if (m.real_path.empty() || s.same_file_as.empty()) m.real_path = s.real_path;
    for (const auto& r : reasons) {
      if (r.source == s.name) m.reasons.push_back(r.text);
    }
  }
  return mapped;
}

std::vector<ArchiveItem> archive_items(const std::vector<const FoundFile*>& order) {
  std::vector<ArchiveItem> items;
  for (const FoundFile* f : order) {
    if (f->symlink || f->role == FileRole::dangling || !f->same_file_as.empty()) continue;
    items.push_back({fs::path(f->path).relative_path().string(), f->path, f->sha256});
  }
  return items;
}

// Every file judged by its contents, with every SQLite connection closed before any is judged
// by its use.
void inventory(const InventoryOptions& options, RunResult& result, std::vector<FoundFile>& files) {
  files = find_sqlite_files(options.folders);
  spdlog::info("inventory: {} file(s) found", files.size());
  {
    auto sources = open_sources(present_sources(options, result),
                                {result.mapping_files, result.sources}, /*check_integrity=*/true);
    CommandContext ctx(options.verify, result);
    ctx.adopt(std::move(sources));
    ctx.begin(TransactionMode::read_only);
    const auto reasons = verify_tables(ctx.pg(), ctx.build_plan(), options.verify, result);
    judge_files(files, mapped_files(result, reasons), ctx.sources().mappings, ctx.pg(), options);
    ctx.end_snapshots();
  }
  judge_use(files);
}

void print_files(const std::vector<FoundFile>& files) {
  std::printf("%-60s %-8s %10s %-7s %s\n", "file", "kind", "size", "verdict", "reason");
  for (const auto& f : files) {
    std::printf("%-60s %-8s %10llu %-7s %s\n", f.path.c_str(), f.kind.c_str(),
                static_cast<unsigned long long>(f.size), f.safe ? "safe" : "keep",
                f.reason.c_str());
  }
}

}  // namespace

ExitCode run_inventory(const InventoryOptions& options) {
  RunResult result;
  result.command = "inventory";
  std::vector<FoundFile> files;
  std::string script;
  if (options.delete_script) prepare_report(*options.delete_script, "--delete-script");
  const auto body = [&] {
    inventory(options, result, files);
    const auto order = deletion_order(files);
    script = deletion_script(files, utc_now_iso());
    const auto kept = files.size() - order.size();
    if (kept == 0) {
      result.verdict = "SAFE TO DELETE: all " + std::to_string(files.size()) + " file(s) found";
    } else {
      result.exit_code = ExitCode::mismatch;
      result.verdict =
          "NOT SAFE: keep " + std::to_string(kept) + " of the " + std::to_string(files.size()) +
          " file(s) found; the deletion script removes " + std::to_string(order.size());
    }
    if (options.verify.archive_dir && !order.empty())
      result.archive = archive_files(archive_items(order), *options.verify.archive_dir);
    if (options.delete_script)  // run as root: its owner alone may read and run it
      write_private_file(*options.delete_script, "--delete-script", script, ExitCode::config, 0700);
    result.found_files = files;
    if (options.delete_script) result.delete_script = options.delete_script->string();
  };
  const auto print = [&](const RunResult& r) {
    if (!r.tables.empty()) print_verify_tables(r);
    if (!files.empty()) print_files(files);
    std::printf("%s\n", r.verdict.c_str());
    if (r.archive) {
      std::printf("archive: %s\n  sha256 %s, %zu file(s), read back and checked\n",
                  r.archive->path.c_str(), r.archive->sha256.c_str(), r.archive->files.size());
    }
    if (options.delete_script && !script.empty()) {
      std::printf("deletion script: %s\n", options.delete_script->c_str());
    } else if (!script.empty()) {
      std::printf("%s", script.c_str());
    }
    std::fflush(stdout);
  };
  return run_and_report(
      result, options.verify, body,
      [](const Failure& f) { return "NOT VERIFIED: " + std::string(f.what()); }, print);
}

}  // namespace s2p
