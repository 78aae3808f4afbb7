#pragma once
#include <functional>
#include <string>

namespace s2p {

// SIGINT and SIGTERM, handled by one watcher thread: the first asks the run to stop (and calls
// the cancel hooks, which cancel the statement PostgreSQL is running and interrupt SQLite), the
// second ends the process at once. Call before any other thread starts: they inherit the blocked
// signals.
void install_interrupt_handling();

bool interrupted();
int interrupting_signal();  // 0 until a signal arrived

// Throws Failure(interrupted) naming the signal and `while_doing` once a signal arrived.
void throw_if_interrupted(const std::string& while_doing);

// Each hook is called from the watcher thread on the first signal, under a lock that
// remove_cancel_hook also takes: once it returns, the hook is neither running nor called again
// (so a hook may use what its owner frees after removing it). Returns the id to remove it by.
int add_cancel_hook(std::function<void()> hook);
void remove_cancel_hook(int id);

}  // namespace s2p
