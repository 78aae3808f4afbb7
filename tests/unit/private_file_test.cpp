// open_private_file, the one way sqlite2pg opens a file to write: what it creates, what it
// refuses, and that it never waits.
#include "sqlite2pg/util/private_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fcntl.h>
#include <chrono>
#include <fstream>

#include "tool.h"

namespace s2p {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// The message of the Failure opening `path` throws, or "" when it opens.
std::string refusal(const fs::path& path, Existing existing = Existing::truncate) {
  try {
    ::close(open_private_file(path, "--report", existing, ExitCode::usage));
    return "";
  } catch (const Failure& f) {
    EXPECT_EQ(f.code(), ExitCode::usage);
    return f.what();
  }
}

class PrivateFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(victim_) << "precious\n";
    fs::permissions(victim_, fs::perms(0644));
  }
  void expect_victim_unchanged() const {
    EXPECT_EQ(test::read_file(victim_), "precious\n");
    EXPECT_EQ(test::file_mode(victim_), 0644u);
  }

  test::TempDir dir_;
  const fs::path victim_ = dir_ / "victim";
};

TEST_F(PrivateFile, CreatesMode0600WhateverTheUmask) {
  for (const mode_t umask : {0000, 0022, 0277}) {
    const mode_t saved = ::umask(umask);
    const auto file = dir_ / ("new-" + std::to_string(umask));
    EXPECT_EQ(refusal(file), "");
    ::umask(saved);
    EXPECT_EQ(test::file_mode(file), 0600u) << umask;
  }
}

TEST_F(PrivateFile, AnExistingFileIsMadePrivateThenKeptTruncatedOrAppendedTo) {
  EXPECT_EQ(refusal(victim_, Existing::keep), "");
  EXPECT_EQ(test::file_mode(victim_), 0600u);
  EXPECT_EQ(test::read_file(victim_), "precious\n");
  const int fd = open_private_file(victim_, "--log-file", Existing::append, ExitCode::usage);
  EXPECT_TRUE(write_all(fd, "more\n"));
  ::close(fd);
  EXPECT_EQ(test::read_file(victim_), "precious\nmore\n");
  EXPECT_EQ(refusal(victim_, Existing::truncate), "");
  EXPECT_EQ(test::read_file(victim_), "");
}

TEST_F(PrivateFile, TheModeAskedForIsGivenToANewOrExistingFile) {
  const int fd =
      open_private_file(victim_, "--delete-script", Existing::truncate, ExitCode::config, 0700);
  ::close(fd);
  EXPECT_EQ(test::file_mode(victim_), 0700u);
}

TEST_F(PrivateFile, ALinkIsRefusedAndItsTargetUnchanged) {
  const auto link = dir_ / "link";
  fs::create_symlink(victim_, link);
  for (const auto existing : {Existing::keep, Existing::truncate, Existing::append}) {
    EXPECT_THAT(refusal(link, existing),
                HasSubstr("--report " + link.string() + " is a symbolic link"));
  }
  expect_victim_unchanged();
}

TEST_F(PrivateFile, ADanglingLinkIsRefusedAndNothingCreated) {
  const auto link = dir_ / "link";
  fs::create_symlink(dir_ / "absent", link);
  EXPECT_THAT(refusal(link), HasSubstr("is a symbolic link"));
  EXPECT_FALSE(fs::exists(dir_ / "absent"));
}

TEST_F(PrivateFile, AFifoIsRefusedWithOrWithoutAReaderAndNothingWaits) {
  const auto fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THAT(refusal(fifo), HasSubstr("is a named pipe (FIFO)"));
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  EXPECT_THAT(refusal(fifo), HasSubstr("is a named pipe (FIFO)"));
  ::close(reader);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 2.0);
}

TEST_F(PrivateFile, DevicesFoldersAndSharedFilesAreRefused) {
  EXPECT_THAT(refusal("/dev/null"), HasSubstr("is a character device"));
  EXPECT_THAT(refusal(dir_.path()), HasSubstr("is a directory"));
  const auto hard = dir_ / "hard";
  fs::create_hard_link(victim_, hard);
  EXPECT_THAT(refusal(hard), HasSubstr("has other hard links"));
  expect_victim_unchanged();
}

TEST_F(PrivateFile, AnotherUsersFileIsRefusedEvenToRoot) {
  if (::geteuid() != 0) GTEST_SKIP() << "only root can give a file to another user";
  ASSERT_EQ(::chown(victim_.c_str(), 65534, 65534), 0);
  EXPECT_THAT(refusal(victim_), HasSubstr("belongs to another user (uid 65534)"));
  EXPECT_EQ(test::read_file(victim_), "precious\n");
  EXPECT_EQ(test::file_mode(victim_), 0644u);
}

TEST_F(PrivateFile, ANameThatMustBeFreeIsRefusedWhenTaken) {
  EXPECT_THAT(refusal(victim_, Existing::refuse), HasSubstr("is there already"));
  expect_victim_unchanged();
  EXPECT_EQ(refusal(dir_ / "free", Existing::refuse), "");
}

TEST_F(PrivateFile, AMissingFolderIsNamedWithTheReason) {
  EXPECT_THAT(refusal(dir_ / "absent" / "r.json"),
              HasSubstr("--report " + (dir_ / "absent" / "r.json").string() +
                        " cannot be created: No such file or directory"));
}

// The check before a run, for a file opened later: refuses as the opening would, creates nothing.
TEST_F(PrivateFile, TheCheckBeforeARunRefusesTheSameAndCreatesNothing) {
  const auto check = [](const fs::path& path) {
    try {
      check_private_file(path, "--rejects", ExitCode::usage);
      return std::string();
    } catch (const Failure& f) {
      return std::string(f.what());
    }
  };
  const auto link = dir_ / "link";
  fs::create_symlink(dir_ / "absent", link);
  EXPECT_THAT(check(link), HasSubstr("--rejects " + link.string() + " is a symbolic link"));
  EXPECT_THAT(check("/dev/null"), HasSubstr("is a character device"));
  EXPECT_THAT(check(dir_ / "no-folder" / "r.jsonl"), HasSubstr("cannot be created"));
  EXPECT_EQ(check(dir_ / "r.jsonl"), "");
  EXPECT_FALSE(fs::exists(dir_ / "r.jsonl"));
  EXPECT_FALSE(fs::exists(dir_ / "absent"));
}

}  // namespace
}  // namespace s2p
