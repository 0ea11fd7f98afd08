#include "harness/faults/kill_fault.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "harness/faults/container_state_wait.h"

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

ParamDecls KillFault::parameters() {
  return {{"signal", ParamType::kText, "SIGKILL", false,
           "the signal sent (SIGKILL, SIGTERM, ...); the service is started again at heal"}};
}

KillFault::KillFault(const FaultSpec& spec, FaultContext& context)
    : context_(context), target_(spec.target), signal_(spec.params.string_or("signal", "SIGKILL")) {
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
  return await_down_then_up(context_, target_, phase, timeout);
}

}  // namespace unbroken
