#include "sqlite2pg/rollback/output_file.h"

#include <SQLiteCpp/Backup.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#include <unistd.h>
#include <cerrno>
#include <cstring>

#include "sqlite2pg/extract/capture_file.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/private_file.h"

namespace s2p {
namespace {

void sync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

OutputFile::OutputFile(SqliteSource& original, std::filesystem::path final_path)
    : final_(std::move(final_path)),
      temp_(final_.parent_path() /
            ("." + final_.filename().string() + ".rollback-" + std::to_string(::getpid()))),
      mode_(std::filesystem::status(original.facts().path).permissions()) {
  struct stat st {};
  ::stat(original.facts().path.c_str(), &st);
  owner_ = st.st_uid;
  group_ = st.st_gid;
  // Created 0600, and new: it holds production data before it is complete, and a link or a file
  // someone put at its name is refused.
  ::close(open_private_file(temp_, "--out", Existing::refuse, ExitCode::config));
  if (original.facts().empty_file) return;
  try {
    db_ = std::make_unique<SQLite::Database>(temp_.string(), SQLite::OPEN_READWRITE);
    // Until it is published the file is worth nothing after a crash, and publish() flushes it:
    // no flush of every transaction on the way.
    db_->exec("PRAGMA synchronous = OFF");
    // SQLite's rows as they are, references included: what PostgreSQL holds is what goes in.
    db_->exec("PRAGMA foreign_keys = OFF");
    SQLite::Backup backup(*db_, original.db());
    backup.executeStep(-1);
    // The written file goes back to the services as a new file: without capture's log and
    // triggers, which would log rollback's own writes and every write after (start it again).
    drop_capture_objects(*db_);
  } catch (const SQLite::Exception& e) {
    throw Failure(ExitCode::config, "cannot copy " + original.facts().path + " to " +
                                        temp_.string() + ": " + e.what());
  }
}

int OutputFile::remove_stale(const std::filesystem::path& final_path) {
  const std::string prefix = "." + final_path.filename().string() + ".rollback-";
  std::error_code error;
  int removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(final_path.parent_path(), error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string pid =
        name.substr(prefix.size(), name.find('-', prefix.size()) - prefix.size());
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    // This process has made none yet: one with its number is another's, whose number it reuses.
    const auto owner = static_cast<pid_t>(std::stol(pid));
    if (owner != ::getpid() && (::kill(owner, 0) == 0 || errno != ESRCH)) continue;
    removed += std::filesystem::remove(entry.path(), error) ? 1 : 0;
  }
  return removed;
}

OutputFile::~OutputFile() {
  db_.reset();
  if (published_) return;
  std::error_code ignored;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"})
    std::filesystem::remove(temp_.string() + suffix, ignored);
}

void OutputFile::close() {
  db_.reset();
  closed_ = true;
}

void OutputFile::seal() {
  close();
  // By its descriptor, never through a link put at its name.
  const int fd = ::open(temp_.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0) ::close(fd);
    throw Failure(ExitCode::config, temp_.string() + " is no longer the file rollback wrote");
  }
  (void)::fsync(fd);
  // The original's owner where this process may give it (as root), so the services can write
  // it; refused to anyone else, who keeps the file.
  [[maybe_unused]] const int given = ::fchown(fd, owner_, group_);
  const int moded = ::fchmod(fd, static_cast<mode_t>(mode_)) == 0 ? 0 : errno;
  ::close(fd);
  if (moded != 0)
    throw Failure(ExitCode::config, "cannot give " + temp_.string() +
                                        " the original's mode: " + std::strerror(moded));
}

void OutputFile::publish(bool replace) {
  const auto refused = [&](const std::string& why) {
    return Failure(ExitCode::config,
                   "cannot give " + temp_.string() + " its name " + final_.string() + ": " + why);
  };
  std::error_code error;
  if (replace || !std::filesystem::exists(final_)) {
    for (const char* suffix : {"-journal", "-wal", "-shm"})
      std::filesystem::remove(final_.string() + suffix, error);
  }
  if (replace) {
    std::filesystem::rename(temp_, final_, error);
    if (error) throw refused(error.message());
  } else if (::link(temp_.c_str(), final_.c_str()) != 0) {
    if (errno != EEXIST) throw refused(std::strerror(errno));
    throw Failure(ExitCode::not_empty, final_.string() +
                                           " appeared while rollback ran (another run?); it is "
                                           "left as it is, and --replace replaces it");
  } else {
    ::unlink(temp_.c_str());
  }
  published_ = true;
  sync_path(final_.parent_path(), O_RDONLY | O_DIRECTORY);
}

}  // namespace s2p
