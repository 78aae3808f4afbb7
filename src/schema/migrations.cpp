#include "sqlite2pg/schema/migrations.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "sqlite2pg/schema/sql_statements.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/sha256.h"

namespace s2p {
namespace fs = std::filesystem;
namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Failure(ExitCode::config, "cannot read migration " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  std::string lf;
  lf.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    lf.push_back(text[i]);
  }
  return lf;
}

// The digits of NNN_description.sql (description: letters, digits, '_', '.', '-'); none when
// the name has another shape.
std::optional<std::string> migration_number(const std::string& name) {
  const auto underscore = name.find('_');
  const std::string_view suffix = ".sql";
  if (underscore == 0 || underscore == std::string::npos ||
      name.size() <= underscore + 1 + suffix.size() || !name.ends_with(suffix)) {
    return std::nullopt;
  }
  auto all = [&](std::size_t from, std::size_t to, auto ok) {
    for (auto i = from; i < to; ++i) {
      if (!ok(static_cast<unsigned char>(name[i]))) return false;
    }
    return true;
  };
  const bool digits = all(0, underscore, [](unsigned char c) { return std::isdigit(c) != 0; });
  const bool words = all(underscore + 1, name.size() - suffix.size(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '.' || c == '-';
  });
  if (!digits || !words) return std::nullopt;
  return name.substr(0, underscore);
}

}  // namespace

std::vector<MigrationFile> read_migration_files(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Failure(ExitCode::config, "migrations directory not found: " + dir.string());
  std::vector<MigrationFile> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    const auto name = entry.path().filename().string();
    const auto number = migration_number(name);
    if (!number) {
      throw Failure(ExitCode::config,
                    entry.path().string() + ": migration names are NNN_description.sql");
    }
    MigrationFile f;
    if (number->size() > 9)
      throw Failure(ExitCode::config, entry.path().string() + ": migration number too large");
    f.version = std::stoi(*number);
    f.name = name;
    f.sql = read_text(entry.path());
    f.sha256 = sha256_hex(f.sql);
    // Every migration runs inside sqlite2pg's transaction; a COMMIT in a file would end it.
    if (const auto stmt = transaction_control_in(f.sql); !stmt.empty()) {
      throw Failure(ExitCode::config,
                    entry.path().string() + ": contains '" + stmt +
                        "'; migrations run inside sqlite2pg's transaction and must not "
                        "begin, commit or roll back one themselves");
    }
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) {
      throw Failure(ExitCode::config, "migrations " + out[i - 1].name + " and " + out[i].name +
                                          " have the same number");
    }
  }
  return out;
}

MigrationState migration_state(PgSession& pg, std::vector<MigrationFile> files) {
  MigrationState s;
  s.files = std::move(files);
  s.applied = read_ledger(pg);
  std::map<int, const AppliedMigration*> applied;
  int highest = -1;
  for (const auto& a : s.applied) {
    applied[a.version] = &a;
    highest = std::max(highest, a.version);
  }
  for (const auto& f : s.files) {
    const auto it = applied.find(f.version);
    if (it == applied.end()) {
      if (f.version < highest) {
        s.problems.push_back(
            f.name + " is numbered below migrations already applied; give it a number above " +
            std::to_string(highest));
      }
      s.pending.push_back(&f);
    } else if (it->second->sha256 != f.sha256) {
      s.problems.push_back(
          f.name + " was changed after it was applied on " + it->second->applied_at +
          " (recorded sha256 " + it->second->sha256.substr(0, 12) + "..., file now " +
          f.sha256.substr(0, 12) + "...); applied migrations must not change, add a new one");
    }
  }
  for (const auto& a : s.applied) {
    const bool present = std::any_of(s.files.begin(), s.files.end(), [&](const MigrationFile& f) {
      return f.version == a.version;
    });
    if (!present)
      s.problems.push_back("applied migration " + a.name +
                           " is missing from the migrations directory");
  }
  return s;
}

namespace {

// Where in a migration's text the server's error points: " at line N", or nothing.
std::string line_of(const MigrationFile& f, const PgError& e) {
  const std::size_t position = e.diagnostics().position;
  if (position == 0) return "";
  std::size_t chars = 0;
  std::size_t line = 1;
  for (const unsigned char ch : f.sql) {  // the position counts characters, not bytes
    if ((ch & 0xC0) != 0x80 && ++chars == position) break;
    if (ch == '\n') ++line;
  }
  return " at line " + std::to_string(line);
}

std::string failed(const MigrationFile& f, const PgError& e) {
  return "migration " + f.name + " failed" + line_of(f, e) + ": " + e.diagnostics().with_context();
}

}  // namespace

std::vector<MigrationFile> apply_pending_migrations(PgSession& pg,
                                                    std::vector<MigrationFile> files) {
  lock_and_create_ledger(pg);
  const auto state = migration_state(pg, std::move(files));
  if (!state.problems.empty()) {
    std::string msg = "migrations cannot be applied:";
    for (const auto& p : state.problems) msg += "\n  - " + p;
    throw Failure(ExitCode::config, msg);
  }
  std::vector<MigrationFile> done;
  for (const auto* f : state.pending) {
    try {
      apply_and_record(pg, f->version, f->name, f->sha256, f->sql);
    } catch (const PgError& e) {
      throw Failure(ExitCode::target, failed(*f, e));
    }
    done.push_back(*f);
  }
  return done;
}

std::vector<Failure> preview_pending_migrations(PgSession& pg, std::vector<MigrationFile> files) {
  lock_and_create_ledger(pg);
  const auto state = migration_state(pg, std::move(files));
  if (!state.problems.empty()) return {};  // the caller reports those
  // Each migration in a savepoint: one that fails is reported and left out, and the ones after
  // it still run, so the plan shows what else they would make.
  std::vector<Failure> failures;
  for (const auto* f : state.pending) {
    const auto error =
        pg.attempt([&] { apply_and_record(pg, f->version, f->name, f->sha256, f->sql); });
    if (error) failures.emplace_back(ExitCode::target, failed(*f, *error));
  }
  return failures;
}

}  // namespace s2p
