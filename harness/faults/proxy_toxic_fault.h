// ProxyToxicFault: a toxic on the fault proxy's path to `target` (jaeger or loki), added
// at inject and removed at heal. Kinds and parameters (durations as in scenarios):
//   latency {latency, jitter}   bandwidth {rate: KB/s}   timeout {timeout; 0 = black hole}
//   reset_peer {timeout}        slow_close {delay}       limit_data {bytes: a size}
// and for all: stream (downstream, the default, or upstream), toxicity (0..1, default 1;
// rolled per connection by the proxy from the run's seed).
// Effect: the proxy's API lists the toxic as sent, and then its effect is measured on
// connections through the proxy's published port, for every kind, stream and toxicity
// (toxic_measure.h says how). A toxic that cannot be observed is not verified. Healed: the
// toxic is gone from the API and a request through the proxy is answered.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/faults/fault.h"
#include "harness/faults/proxy_probe.h"
#include "harness/faults/toxic_measure.h"

namespace unbroken {

// The toxic kinds: bandwidth, latency, limit_data, reset_peer, slow_close, timeout.
std::vector<std::string> proxy_toxic_kinds();

class ProxyToxicFault final : public Fault {
 public:
  ProxyToxicFault(const FaultSpec& spec, FaultContext& context);
  // The parameters of toxic kind `kind` (one of proxy_toxic_kinds()).
  static ParamDecls parameters(const std::string& kind);

  std::string describe() const override;
  std::string acts_on() const override { return path_.hop(); }
  void inject() override;
  void heal() override;
  Effect verify_effect(FaultPhase phase, Millis timeout) override;

 private:
  Effect verify_injected(Millis timeout);
  Effect verify_healed(Millis timeout);

  FaultContext& context_;
  std::string kind_;
  ProxiedPath path_;
  nlohmann::json toxic_;
  std::string summary_;  // "300ms ± 50ms"
  ToxicMeasure measure_;
};

}  // namespace unbroken
