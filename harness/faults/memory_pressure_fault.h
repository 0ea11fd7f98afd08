// MemoryPressureFault ("memory_pressure"): lowers a service's memory limit, then restores
// it at heal time (and starts the service again if the limit killed it).
//   until: oom (default)  lower the limit step by step while verifying, down to docker's
//                         6MiB floor, until the engine records the container as OOM-killed.
//                         Each step asks for half the current usage; where the kernel
//                         refuses a limit below what it can reclaim (cgroup v1 with memory
//                         the process holds), the step settles for limits nearer the usage,
//                         the last just above it, so the process's own growth meets the
//                         limit. Effect: State.OOMKilled; otherwise not verified, naming the
//                         lowest limit reached and the engine's last refusal.
//   limit: <size>         set that limit and leave it. Effect: the kernel counts a hit of
//                         the limit (cgroup v1 failcnt) or usage reaches 95 % of it, or the
//                         service is OOM-killed. A limit above what the service ever uses
//                         presses on nothing, and one the engine refuses is never set: not
//                         verified either way.
// Heal restores the limit the container had, or the host's total memory when it had none
// (docker cannot remove a limit once set). Effect: running, with the restored limit.
#pragma once

#include <cstdint>
#include <optional>

#include "harness/faults/fault.h"

namespace unbroken {

class MemoryPressureFault final : public Fault {
 public:
  MemoryPressureFault(const FaultSpec& spec, FaultContext& context);
  static ParamDecls parameters();

  std::string describe() const override;
  std::string acts_on() const override { return target_; }
  void inject() override;
  void heal() override;
  Effect verify_effect(FaultPhase phase, Millis timeout) override;

 private:
  Effect verify_injected(Millis timeout);
  Effect verify_healed(Millis timeout);
  Effect verify_limit_reached(Millis timeout);
  // Asks for `bytes`; false (the refusal kept) when the engine refused it.
  bool try_limit(std::int64_t bytes);
  // One step of until-OOM: the lowest limit the engine accepts on the way from half the
  // usage to just above it, never higher than the limit in force.
  void tighten();
  std::string refusals() const;

  FaultContext& context_;
  std::string target_;
  std::optional<std::int64_t> fixed_limit_;  // nullopt: until OOM
  std::int64_t limit_ = 0;                   // the limit in force; 0: none set yet
  int refused_ = 0;                          // limits the engine refused
  std::string last_refusal_;
  std::int64_t restore_to_ = 0;
  ResourceCounters at_limit_;  // the counters just after the limit was set
};

}  // namespace unbroken
