#include "harness/faults/partition_fault.h"

#include <fmt/format.h>

#include "harness/core/poll.h"
#include "harness/runtime/service_catalog.h"

namespace unbroken {
namespace {

constexpr const char* kWorkloadBinary = "/usr/local/bin/unbroken-workload";
constexpr Millis kProbeTimeout{5'000};

bool is_workload_service(const std::string& name) {
  return name == kGatewayService || name == "orders" || name == "inventory";
}

}  // namespace

PartitionFault::PartitionFault(const FaultSpec& spec, FaultContext& context)
    : context_(context),
      target_(spec.target),
      peer_(spec.params.string_or("peer",
                                  spec.target == kGatewayService ? "orders" : kGatewayService)) {
  spec.params.expect_only({"peer"}, "fault 'partition'");
  const auto target = find_service(target_);
  if (!target) {
    throw ConfigError(spec.where, fmt::format("partition: no known API port for '{}' (known: {})",
                                              target_, known_services()));
  }
  port_ = target->port;
  if (!is_workload_service(peer_) || peer_ == target_) {
    throw ConfigError(spec.params.where(),
                      fmt::format("partition: peer '{}' must be a workload service other than the "
                                  "target (gateway, orders, inventory): the proof runs the "
                                  "workload's probe inside it",
                                  peer_));
  }
}

std::string PartitionFault::describe() const {
  return fmt::format("partition {} off the run's network", target_);
}

void PartitionFault::inject() {
  context_.runtime.disconnect(target_);
}

void PartitionFault::heal() {
  context_.runtime.connect(target_);
}

Effect PartitionFault::verify_effect(FaultPhase phase, Millis timeout) {
  const bool want_reachable = phase == FaultPhase::kHealed;
  const auto address = fmt::format("{}:{}", target_, port_);
  ExecResult probe;
  bool attached = false;
  const bool seen = poll_until(
      context_.clock, context_.clock.now() + timeout,
      [&] {
        attached = !context_.runtime.state(target_).networks.empty();
        probe = context_.runtime.exec(peer_, {kWorkloadBinary, "--probe", address}, kProbeTimeout);
        return attached == want_reachable && (probe.exit_code == 0) == want_reachable;
      },
      Backoff{Millis{100}, Millis{1000}, 1.5});
  auto output = probe.output;
  while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
  Effect effect{
      seen,
      fmt::format("{} {} the network; from {}: {} (probe exit {})", target_,
                  attached ? "attached to" : "detached from", peer_, output, probe.exit_code),
      context_.clock.now()};
  if (!seen) {
    effect.observation += fmt::format(" after {}ms: expected {}", timeout.count(),
                                      want_reachable ? "reachable" : "unreachable");
  }
  return effect;
}

}  // namespace unbroken
