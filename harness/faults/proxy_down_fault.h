// ProxyDownFault ("down"): takes the fault proxy's path to `target` (jaeger or loki) down
// — its listener and every open connection closed, as if that link alone were cut, while
// every other path to the backend still works — and brings it back at heal.
// Effect: a request through the proxy's published port gets no answer, then an answer.
#pragma once

#include "harness/faults/fault.h"
#include "harness/faults/proxy_probe.h"

namespace unbroken {

class ProxyDownFault final : public Fault {
 public:
  ProxyDownFault(const FaultSpec& spec, FaultContext& context);
  static ParamDecls parameters();

  std::string describe() const override;
  std::string acts_on() const override { return path_.hop(); }
  void inject() override;
  void heal() override;
  Effect verify_effect(FaultPhase phase, Millis timeout) override;

 private:
  FaultContext& context_;
  ProxiedPath path_;
};

}  // namespace unbroken
