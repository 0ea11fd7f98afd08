#include "harness/core/interrupt.h"

#include <atomic>
#include <csignal>
#include <thread>

#include "harness/core/clock.h"

namespace unbroken {
namespace {

std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_signal(int signal_number) {
  g_signal.store(signal_number);
}

constexpr Millis kWaitSlice{50};

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() {
  return g_signal.load() != 0;
}
int interrupt_signal() {
  return g_signal.load();
}
void request_interrupt(int signal_number) {
  g_signal.store(signal_number);
}

void throw_if_interrupted() {
  if (interrupt_requested()) throw Interrupted();
}

bool SystemClock::wait_until(TimePoint deadline) const {
  // Sleeps in short slices so that an interrupt is noticed within kWaitSlice.
  while (!interrupt_requested()) {
    const auto now = WallClock::now();
    if (now >= deadline) return true;
    std::this_thread::sleep_for(std::min<WallClock::duration>(deadline - now, kWaitSlice));
  }
  return false;
}

}  // namespace unbroken
