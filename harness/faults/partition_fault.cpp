#include "harness/faults/partition_fault.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "harness/core/poll.h"

namespace unbroken {
namespace {

constexpr const char* kWorkloadBinary = "/usr/local/bin/unbroken-workload";
constexpr Millis kPartitionProbeTimeout{5'000};

// The first service of `probe_from` that is not the target: the default peer.
std::string default_peer(const System& system, const std::string& target) {
  for (const auto& s : system.probe_from) {
    if (s != target) return s;
  }
  return "";
}

}  // namespace

ParamDecls PartitionFault::parameters() {
  return {{"peer", ParamType::kText, "the first other service of probe_from", false,
           "the service, of the system's probe_from, the cut is proven from"}};
}

PartitionFault::PartitionFault(const FaultSpec& spec, FaultContext& context)
    : context_(context),
      target_(spec.target),
      peer_(spec.params.string_or("peer", default_peer(context.system, spec.target))) {
  const auto* target = context.system.service(target_);
  if (!target || target->port == 0) {
    throw ConfigError(spec.where,
                      fmt::format("partition: '{}' declares no API port in system '{}' (a peer "
                                  "proves the cut by connecting to it)",
                                  target_, context.system.name));
  }
  port_ = target->port;
  const auto& probes = context.system.probe_from;
  if (peer_.empty() || peer_ == target_ ||
      std::find(probes.begin(), probes.end(), peer_) == probes.end()) {
    throw ConfigError(
        spec.params.where(),
        fmt::format("partition: the peer '{}' must be a service other than the target whose "
                    "image carries unbroken's probe (the system's probe_from: [{}]): the proof "
                    "runs that probe inside it",
                    peer_, fmt::join(probes, ", ")));
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
        probe = context_.runtime.exec(peer_, {kWorkloadBinary, "--probe", address},
                                      kPartitionProbeTimeout);
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
