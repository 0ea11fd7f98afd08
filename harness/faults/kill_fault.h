// KillFault ("kill"): sends a signal (default SIGKILL) to a service's main process, then
// starts the container again at heal time. Effect: the container is really not running
// after inject, and really running after heal.
// Parameters: signal (SIGKILL, SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2 or a number).
#pragma once

#include "harness/faults/fault.h"

namespace unbroken {

class KillFault final : public Fault {
 public:
  KillFault(const FaultSpec& spec, FaultContext& context);
  static ParamDecls parameters();

  std::string describe() const override;
  std::string acts_on() const override { return target_; }
  void inject() override;
  void heal() override;
  Effect verify_effect(FaultPhase phase, Millis timeout) override;

 private:
  FaultContext& context_;
  std::string target_;
  std::string signal_;
};

}  // namespace unbroken
