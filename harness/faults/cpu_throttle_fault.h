// CpuThrottleFault ("cpu_throttle"): limits a service to `cpus` CPUs (e.g. 0.1), then
// restores the limit it had, or the host's CPU count when it had none. Effect, from the
// kernel's CFS counters of the container (through the engine's stats): injected when a
// CPU period was throttled after the limit was set (a service that never wants more than
// its limit is not throttled, and the fault is not verified); healed when no period was
// throttled for a quiet second. A limit of as many CPUs as the host has cannot act: refused
// when known in advance, not verified otherwise; so is a limit the engine refuses.
// Parameters: cpus (a number > 0, required).
#pragma once

#include <cstdint>

#include "harness/faults/fault.h"

namespace unbroken {

class CpuThrottleFault final : public Fault {
 public:
  CpuThrottleFault(const FaultSpec& spec, FaultContext& context);
  static ParamDecls parameters();

  std::string describe() const override;
  std::string acts_on() const override { return target_; }
  void inject() override;
  void heal() override;
  Effect verify_effect(FaultPhase phase, Millis timeout) override;

 private:
  Effect verify_throttled(Millis timeout);
  Effect verify_unthrottled(Millis timeout);

  FaultContext& context_;
  std::string target_;
  double cpus_;
  std::int64_t restore_to_ = 0;
  ResourceCounters at_limit_;  // the counters just after the limit was set
  std::string refusal_;        // why the engine refused the limit ("" when it took it)
};

}  // namespace unbroken
