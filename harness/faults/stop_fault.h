// StopFault ("stop"): stops a service gracefully (SIGTERM, then SIGKILL after `grace`,
// default 10s), then starts it again at heal time. Effect: the container is really not
// running after inject, and really running after heal.
// Parameters: grace (a duration, whole seconds).
#pragma once

#include "harness/faults/fault.h"

namespace unbroken {

class StopFault final : public Fault {
 public:
  StopFault(const FaultSpec& spec, FaultContext& context);
  static ParamDecls parameters();

  std::string describe() const override;
  std::string acts_on() const override { return target_; }
  void inject() override;
  void heal() override;
  Effect verify_effect(FaultPhase phase, Millis timeout) override;

 private:
  FaultContext& context_;
  std::string target_;
  std::chrono::seconds grace_;
};

}  // namespace unbroken
