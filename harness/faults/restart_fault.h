// RestartFault ("restart"): restarts a service in one step (SIGTERM, SIGKILL after
// `grace`, default 10s, then start), as an orchestrator's rolling restart does. Heal has
// nothing to undo. Effect: after inject the container runs again and its start time
// changed (it really restarted); after heal it is running.
// Parameters: grace (a duration, whole seconds).
#pragma once

#include "harness/faults/fault.h"

namespace unbroken {

class RestartFault final : public Fault {
 public:
  RestartFault(const FaultSpec& spec, FaultContext& context);
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
  std::string started_before_;
};

}  // namespace unbroken
