#pragma once
#include <string>

namespace s2p::test {

// A private PostgreSQL cluster for the test run: initdb into a temporary directory, listening
// only on a Unix socket there, with the server time zone far from UTC (UTC+14) so that any
// dependence on the server's zone shows. Set S2P_KEEP_CLUSTER=1 to keep it for debugging.
class PgCluster {
 public:
  static PgCluster& instance();
  void start();
  void stop();
  // Stops the server as a crash would (immediate mode) and starts it again on the same data.
  void kill_server();
  void restart_server();
  std::string dsn(const std::string& database) const;
  const std::string& socket_dir() const { return dir_; }
  static constexpr const char* kServerTimeZone = "Pacific/Kiritimati";

 private:
  std::string bindir_;
  std::string dir_;
  std::string as_owner_;  // "runuser -u postgres -- " when running as root
  bool running_ = false;
};

// A database of its own for one test, dropped afterwards.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& name);
  ~TestDatabase();
  const std::string& dsn() const { return dsn_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::string dsn_;
};

}  // namespace s2p::test
