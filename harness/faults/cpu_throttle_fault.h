// CpuThrottleFault ("cpu_throttle"): limits a service to `cpus` CPUs (e.g. 0.1), then
// restores the limit it had, or the host's CPU count when it had none. Effect: the engine
// reads the limit back (a CFS quota on the container's cgroup).
// Parameters: cpus (a number > 0, required).
#pragma once

#include <cstdint>

#include "harness/faults/fault.h"

namespace unbroken {

class CpuThrottleFault final : public Fault {
 public:
  CpuThrottleFault(const FaultSpec& spec, FaultContext& context);

  std::string describe() const override;
  std::string acts_on() const override { return target_; }
  void inject() override;
  void heal() override;
  Effect verify_effect(FaultPhase phase, Millis timeout) override;

 private:
  FaultContext& context_;
  std::string target_;
  double cpus_;
  std::int64_t restore_to_ = 0;
};

}  // namespace unbroken
