// PartitionFault ("partition"): cuts a service off the run's network, in both directions
// (docker network disconnect), and reattaches it at heal time under its service name.
// While cut off it reaches no peer, no peer reaches it, and its published ports are gone.
// Effect, proven from a peer: `peer` (a workload service, default gateway, or orders when
// the target is gateway) runs the workload binary's TCP probe against the target's API
// port inside its own container — it must fail after inject and succeed after heal — and
// the engine must report the target detached / attached.
// Parameters: peer (a workload service).
#pragma once

#include "harness/faults/fault.h"

namespace unbroken {

class PartitionFault final : public Fault {
 public:
  PartitionFault(const FaultSpec& spec, FaultContext& context);
  static ParamDecls parameters();

  std::string describe() const override;
  std::string acts_on() const override { return target_; }
  void inject() override;
  void heal() override;
  Effect verify_effect(FaultPhase phase, Millis timeout) override;

 private:
  FaultContext& context_;
  std::string target_;
  std::string peer_;
  int port_;
};

}  // namespace unbroken
