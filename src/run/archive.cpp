#include "sqlite2pg/run/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <memory>

#include "sqlite2pg/util/file_reader.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/private_file.h"
#include "sqlite2pg/util/sha256.h"

namespace s2p {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& what, archive* a) {
  throw Failure(
      ExitCode::config,
      what + (a && archive_error_string(a) ? std::string(": ") + archive_error_string(a) : ""));
}

void add_bytes(archive* a, const std::string& name, std::string_view bytes) {
  std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(),
                                                                  archive_entry_free);
  archive_entry_set_pathname(e.get(), name.c_str());
  archive_entry_set_size(e.get(), static_cast<la_int64_t>(bytes.size()));
  archive_entry_set_filetype(e.get(), AE_IFREG);
  archive_entry_set_perm(e.get(), 0600);
  if (archive_write_header(a, e.get()) != ARCHIVE_OK) fail("cannot write archive entry " + name, a);
  if (!bytes.empty() && archive_write_data(a, bytes.data(), bytes.size()) < 0)
    fail("cannot write " + name, a);
}

void add_file(archive* a, const std::string& name, const fs::path& file) {
  FileReader in(file);
  std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(),
                                                                  archive_entry_free);
  archive_entry_set_pathname(e.get(), name.c_str());
  archive_entry_set_size(e.get(), static_cast<la_int64_t>(in.size()));
  archive_entry_set_filetype(e.get(), AE_IFREG);
  archive_entry_set_perm(e.get(), 0600);
  if (archive_write_header(a, e.get()) != ARCHIVE_OK) fail("cannot write archive entry " + name, a);
  std::vector<char> buf(1 << 20);
  std::uintmax_t written = 0;
  while (const auto n = in.read(buf.data(), buf.size())) {
    if (archive_write_data(a, buf.data(), n) < 0) fail("cannot write " + name, a);
    written += n;
  }
  if (written != in.size())
    throw Failure(ExitCode::config, file.string() + " changed size while it was archived");
}

using Item = ArchiveItem;

fs::path archive_path(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir))
    throw Failure(ExitCode::usage, "--archive: " + dir.string() + " is not a directory");
  std::string stamp = utc_now_iso();
  for (char& c : stamp) {
    if (c == ':') c = '-';
  }
  return fs::absolute(dir) / ("sqlite2pg-sources-" + stamp + ".tar.gz");
}

void write_entries(int fd, const fs::path& path, const std::vector<Item>& items,
                   const ArchiveTexts& texts) {
  std::unique_ptr<archive, decltype(&archive_write_free)> w(archive_write_new(),
                                                            archive_write_free);
  archive_write_add_filter_gzip(w.get());
  archive_write_set_format_pax_restricted(w.get());
  if (archive_write_open_fd(w.get(), fd) != ARCHIVE_OK)
    fail("cannot create " + path.string(), w.get());
  for (const auto& i : items) add_file(w.get(), i.name, i.file);
  for (const auto& [name, bytes] : texts) add_bytes(w.get(), name, bytes);
  if (archive_write_close(w.get()) != ARCHIVE_OK) fail("cannot finish " + path.string(), w.get());
}

// Into `fd`, opened on `path` by open_private_file.
void write_archive(int fd, const fs::path& path, const std::vector<Item>& items,
                   const ArchiveTexts& texts) {
  try {
    write_entries(fd, path, items, texts);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0)
    throw Failure(ExitCode::config, "cannot finish " + path.string() + ": " + std::strerror(errno));
}

// One entry read whole: its sha256, and its bytes when it is one of the texts.
std::string read_entry(archive* r, const std::string& name, std::string* bytes_out) {
  Sha256Stream hasher;
  const void* block;
  size_t size;
  la_int64_t offset;
  int rc;
  while ((rc = archive_read_data_block(r, &block, &size, &offset)) == ARCHIVE_OK) {
    throw_if_interrupted("reading back " + name);
    const std::string_view bytes(static_cast<const char*>(block), size);
    hasher.update(bytes);
    if (bytes_out) bytes_out->append(bytes);
  }
  if (rc != ARCHIVE_EOF) fail("cannot read back " + name, r);
  return hasher.hex();
}

// Reads the archive back: every file must be there, whole, with the sha256 verify saw, and
// every text as it was written.
std::vector<std::pair<std::string, std::string>> check_archive(const fs::path& path,
                                                               const std::vector<Item>& items,
                                                               const ArchiveTexts& texts) {
  std::map<std::string, std::string> expected, expected_texts(texts.begin(), texts.end());
  for (const auto& i : items) expected[i.name] = i.sha256;
  std::unique_ptr<archive, decltype(&archive_read_free)> r(archive_read_new(), archive_read_free);
  archive_read_support_filter_all(r.get());
  archive_read_support_format_all(r.get());
  if (archive_read_open_filename(r.get(), path.c_str(), 1 << 20) != ARCHIVE_OK)
    fail("cannot reopen " + path.string(), r.get());
  std::vector<std::pair<std::string, std::string>> files;
  archive_entry* entry = nullptr;
  while (archive_read_next_header(r.get(), &entry) == ARCHIVE_OK) {
    const std::string name = archive_entry_pathname(entry);
    const auto text = expected_texts.find(name);
    std::string text_read;
    const std::string sha =
        read_entry(r.get(), name, text != expected_texts.end() ? &text_read : nullptr);
    if (text != expected_texts.end()) {
      if (text_read != text->second)
        throw Failure(ExitCode::config, "the archive's " + name + " does not read back as written");
      continue;
    }
    const auto it = expected.find(name);
    if (it == expected.end() || it->second != sha) {
      throw Failure(ExitCode::config,
                    "archive check failed: " + name +
                        " does not read back with the sha256 verify saw (sha256 " + sha +
                        "): the file changed after verify read it; run verify again");
    }
    files.emplace_back(name, sha);
  }
  if (files.size() != items.size())
    throw Failure(ExitCode::config,
                  "archive check failed: files are missing from " + path.string());
  return files;
}

}  // namespace

ArchiveResult archive_files(const std::vector<ArchiveItem>& items, const fs::path& dir,
                            const ArchiveTexts& more_texts) {
  const fs::path path = archive_path(dir);
  ArchiveTexts texts = {{"SHA256SUMS", ""}};
  for (const auto& i : items) texts[0].second += i.sha256 + "  " + i.name + "\n";
  texts.insert(texts.end(), more_texts.begin(), more_texts.end());
  ArchiveResult result;
  result.path = path.string();
  // The folder may be a link to one; the file in it is a regular file of its own, never the
  // target of a link found at its name. One refused here is not this run's to remove.
  const int fd = open_private_file(path, "--archive", Existing::truncate, ExitCode::config);
  try {
    write_archive(fd, path, items, texts);
    result.files = check_archive(path, items, texts);
  } catch (...) {
    // An archive that does not hold what was proved must not be taken for one that does.
    std::error_code ignored;
    fs::remove(path, ignored);
    throw;
  }
  result.sha256 = sha256_file(path);
  write_private_file(path.string() + ".sha256", "--archive",
                     result.sha256 + "  " + path.filename().string() + "\n", ExitCode::config);
  return result;
}

}  // namespace s2p
