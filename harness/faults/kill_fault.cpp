#include "harness/faults/kill_fault.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "harness/core/poll.h"

namespace unbroken {
namespace {

constexpr std::array<std::string_view, 7> kSignals = {"SIGKILL", "SIGTERM", "SIGINT", "SIGQUIT",
                                                      "SIGHUP",  "SIGUSR1", "SIGUSR2"};

bool is_signal(const std::string& text) {
  if (std::find(kSignals.begin(), kSignals.end(), text) != kSignals.end()) return true;
  return !text.empty() && text.size() <= 2 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

KillFault::KillFault(const FaultSpec& spec, FaultContext& context)
    : context_(context), target_(spec.target), signal_(spec.params.string_or("signal", "SIGKILL")) {
  spec.params.expect_only({"signal"}, "fault 'kill'");
  if (!is_signal(signal_)) {
    throw ConfigError(spec.params.where(),
                      fmt::format("'{}' is not a signal (expected one of SIGKILL, SIGTERM, SIGINT, "
                                  "SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, or a number)",
                                  signal_));
  }
}

std::string KillFault::describe() const {
  return fmt::format("kill {} with {}", target_, signal_);
}

void KillFault::inject() {
  context_.runtime.kill(target_, signal_);
}

void KillFault::heal() {
  context_.runtime.start(target_);
}

Effect KillFault::verify_effect(FaultPhase phase, Millis timeout) {
  const bool want_running = phase == FaultPhase::kHealed;
  ServiceState last;
  const bool seen = poll_until(
      context_.clock, context_.clock.now() + timeout,
      [&] {
        last = context_.runtime.state(target_);
        return last.exists && last.running == want_running;
      },
      Backoff{Millis{50}, Millis{500}, 1.5});
  Effect effect{seen, {}, context_.clock.now()};
  if (!last.exists) {
    effect.observation = fmt::format("{} has no container", target_);
  } else if (want_running) {
    effect.observation = fmt::format("{} is {}", target_, last.status);
  } else {
    effect.observation =
        fmt::format("{} is {} (exit status {})", target_, last.status, last.exit_code);
  }
  if (!seen) {
    effect.observation +=
        fmt::format(" after {}: expected {}", fmt::format("{}ms", timeout.count()),
                    want_running ? "running" : "not running");
  }
  return effect;
}

}  // namespace unbroken
