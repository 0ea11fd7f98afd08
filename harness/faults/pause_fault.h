// PauseFault ("pause"): freezes every process of a service (docker pause: the cgroup
// freezer, so the process neither runs nor dies and its sockets stay open), then thaws it
// at heal time. Effect: the container is really paused after inject, and running and not
// paused after heal. No parameters.
#pragma once

#include "harness/faults/fault.h"

namespace unbroken {

class PauseFault final : public Fault {
 public:
  PauseFault(const FaultSpec& spec, FaultContext& context);
  static ParamDecls parameters();

  std::string describe() const override;
  std::string acts_on() const override { return target_; }
  void inject() override;
  void heal() override;
  Effect verify_effect(FaultPhase phase, Millis timeout) override;

 private:
  FaultContext& context_;
  std::string target_;
};

}  // namespace unbroken
