#pragma once
#include "sqlite2pg/pg/session.h"

namespace s2p {

// The session's one transaction, rolled back when the guard goes out of scope uncommitted: a
// failure anywhere, an exception or an early return, leaves the target as it was.
class Transaction {
 public:
  explicit Transaction(PgSession& pg, TransactionMode mode = TransactionMode::read_write)
      : pg_(pg), mode_(mode) {
    pg_.begin(mode_);
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
    pg_.begin(mode_);
    open_ = true;
  }

 private:
  PgSession& pg_;
  TransactionMode mode_;
  bool open_ = true;
};

}  // namespace s2p
