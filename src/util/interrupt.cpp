#include "sqlite2pg/util/interrupt.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>

#include "sqlite2pg/util/failure.h"

namespace s2p {
namespace {

std::atomic<int> received{0};
std::mutex hook_mutex;
std::map<int, std::function<void()>> cancel_hooks;
int next_hook = 0;

void say(const char* text) {
  if (::write(STDERR_FILENO, text, std::strlen(text)) < 0) {
    // Nothing else to do: the exit code still tells.
  }
}

void watch(sigset_t set) {
  for (;;) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) continue;
    if (received.exchange(sig) != 0) {
      say("\nsqlite2pg: second signal: exiting now; PostgreSQL rolls back the open transaction\n");
      _exit(128 + sig);
    }
    say(sig == SIGINT ? "\nsqlite2pg: interrupted (SIGINT): stopping and rolling back; press "
                        "Ctrl-C again to exit at once\n"
                      : "\nsqlite2pg: terminated (SIGTERM): stopping and rolling back\n");
    std::lock_guard lock(hook_mutex);
    for (const auto& [id, hook] : cancel_hooks) hook();
  }
}

void noop(int) {}

}  // namespace

void install_interrupt_handling() {
  // A shell starts background jobs with SIGINT ignored, and an ignored signal never reaches
  // sigwait(): a handler (never run, the signals stay blocked) makes them count again.
  struct sigaction action {};
  action.sa_handler = noop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(watch, set).detach();
}

bool interrupted() { return received.load() != 0; }

int interrupting_signal() { return received.load(); }

void throw_if_interrupted(const std::string& while_doing) {
  const int sig = received.load();
  if (sig == 0) return;
  throw Failure(sig == SIGTERM ? ExitCode::terminated : ExitCode::interrupted,
                std::string(sig == SIGTERM ? "terminated by SIGTERM" : "interrupted by SIGINT") +
                    " while " + while_doing);
}

int add_cancel_hook(std::function<void()> hook) {
  std::lock_guard lock(hook_mutex);
  cancel_hooks.emplace(++next_hook, std::move(hook));
  return next_hook;
}

void remove_cancel_hook(int id) {
  std::lock_guard lock(hook_mutex);
  cancel_hooks.erase(id);
}

}  // namespace s2p
