#pragma once
#include "sqlite2pg/pg/session.h"

namespace s2p {

// The session's one transaction, rolled back when the guard goes out of scope uncommitted: a
// failure anywhere, an exception or an early return, leaves the target as it was.
class Transaction {
 public:
  explicit Transaction(PgSession& pg, bool read_only = false) : pg_(pg), read_only_(read_only) {
    pg_.begin(read_only_);
  }
  ~Transaction() {
    if (open_) pg_.rollback();  // never throws: a lost connection rolls back on the server
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit() {
    pg_.commit();
    open_ = false;
  }
  void rollback() {
    pg_.rollback();
    open_ = false;
  }
  // Rolls back and begins a new transaction: after a failed statement, to go on.
  void restart() {
    pg_.rollback();
    pg_.begin(read_only_);
    open_ = true;
  }

 private:
  PgSession& pg_;
  bool read_only_;
  bool open_ = true;
};

}  // namespace s2p
