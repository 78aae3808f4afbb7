#include "pg_cluster.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <stdexcept>

namespace s2p::test {
namespace fs = std::filesystem;
namespace {

void run(const std::string& command) {
  if (std::system(command.c_str()) != 0)
    throw std::runtime_error("test harness command failed: " + command);
}

std::string find_bindir() {
  for (const char* candidate :
       {"/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"}) {
    if (fs::exists(fs::path(candidate) / "initdb")) return candidate;
  }
  throw std::runtime_error("no PostgreSQL server binaries found (apt-get install postgresql-15)");
}

}  // namespace

PgCluster& PgCluster::instance() {
  static PgCluster cluster;
  return cluster;
}

void PgCluster::start() {
  if (running_) return;
  bindir_ = find_bindir();
  char tmpl[] = "/tmp/sqlite2pg-pg-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  // initdb refuses to run as root; the postgres system user owns the cluster then.
  if (geteuid() == 0) {
    as_owner_ = "runuser -u postgres -- ";
    run("chown postgres " + dir_);
  }
  run(as_owner_ + bindir_ + "/initdb -D " + dir_ +
      "/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 >" + dir_ + "/initdb.log 2>&1");
  // In the configuration file, so that a restart keeps them.
  std::ofstream(dir_ + "/data/postgresql.conf", std::ios::app)
      << "unix_socket_directories = '" << dir_ << "'\nlisten_addresses = ''\ntimezone = '"
      << kServerTimeZone
      << "'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 50\n";
  restart_server();
  running_ = true;
}

void PgCluster::kill_server() {
  run(as_owner_ + bindir_ + "/pg_ctl -D " + dir_ + "/data -m immediate stop >/dev/null 2>&1");
}

void PgCluster::restart_server() {
  run(as_owner_ + bindir_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ +
      "/server.log -w -t 60 start >/dev/null");
}

void PgCluster::stop() {
  if (!running_) return;
  running_ = false;
  std::system(
      (as_owner_ + bindir_ + "/pg_ctl -D " + dir_ + "/data -m immediate stop >/dev/null 2>&1")
          .c_str());
  if (!std::getenv("S2P_KEEP_CLUSTER")) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string PgCluster::dsn(const std::string& database) const {
  return "host=" + dir_ + " user=postgres dbname=" + database;
}

TestDatabase::TestDatabase(const std::string& name) : name_(name) {
  auto& cluster = PgCluster::instance();
  pqxx::connection c(cluster.dsn("postgres"));
  pqxx::nontransaction n(c);
  n.exec("DROP DATABASE IF EXISTS " + c.quote_name(name_));
  n.exec("CREATE DATABASE " + c.quote_name(name_) + " TEMPLATE template0 ENCODING 'UTF8'");
  dsn_ = cluster.dsn(name_);
}

TestDatabase::~TestDatabase() {
  if (std::getenv("S2P_KEEP_CLUSTER")) return;
  try {
    pqxx::connection c(PgCluster::instance().dsn("postgres"));
    pqxx::nontransaction n(c);
    n.exec("DROP DATABASE IF EXISTS " + c.quote_name(name_) + " WITH (FORCE)");
  } catch (...) {
  }
}

}  // namespace s2p::test
