#pragma once
#include <functional>
#include <string>

namespace s2p {

// SIGINT and SIGTERM, handled by one watcher thread: the first asks the run to stop (and calls
// the cancel hook, which cancels the statement PostgreSQL is running), the second ends the
// process at once. Call before any other thread starts: they inherit the blocked signals.
void install_interrupt_handling();

bool interrupted();
int interrupting_signal();  // 0 until a signal arrived

// Throws Failure(interrupted) naming the signal and `while_doing` once a signal arrived.
void throw_if_interrupted(const std::string& while_doing);

// Called from the watcher thread on the first signal; empty to clear.
void set_cancel_hook(std::function<void()> hook);

}  // namespace s2p
