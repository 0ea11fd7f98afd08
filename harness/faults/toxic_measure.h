// ToxicMeasure: how a proxy toxic's effect is observed from the client's side of the
// proxy, for every kind, both streams and any toxicity. Calibrated before the toxic is
// added (a plain answer, then the probe plan's own baseline), measured while it is in
// force. What counts as affected, per connection:
//   latency     the first answer took at least latency − jitter
//   timeout     no answer (held until the timeout closes it, or a black hole)
//   reset_peer  no answer (the connection is cut)
//   bandwidth   the answers took at least half the delay the rate imposes on the bytes the
//               probe carries on that stream more than before (many answers downstream,
//               one large POST upstream; sized for ≥ 200ms of delay)
//   slow_close  the close came at least 80 % of `delay` after the last answer
//   limit_data  fewer answers than before (the connection is cut at the byte limit; the
//               probe carries more than `bytes` on that stream)
// With toxicity 1, one connection must be affected; below 1, 20 connections are opened at
// once and the affected share must be within 3 standard deviations (at least 1/20) of
// `toxicity`, and above none. A toxic the probe cannot make bite — a rate that delays what
// a probe can carry by under 50ms, a limit above what it can carry — is unobservable: the
// fault is then not verified, and says why.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "harness/faults/connection_probe.h"

namespace unbroken {

class ToxicMeasure {
 public:
  // `toxic` as sent to the proxy: type, stream, toxicity, attributes.
  explicit ToxicMeasure(nlohmann::json toxic);

  // Before the toxic is added: learns what a plain answer looks like on `endpoint`.
  void calibrate(ConnectionProber& prober, const Endpoint& endpoint, const std::string& path);
  // Why the toxic cannot be observed; "" when it can.
  const std::string& unobservable() const { return unobservable_; }

  struct Result {
    bool shown = false;
    std::string observation;
  };
  Result measure(ConnectionProber& prober) const;

 private:
  bool affected(const ConnectionTrace& trace) const;
  std::int64_t attribute(const char* name) const;
  bool downstream() const;

  nlohmann::json toxic_;
  ConnectionPlan plan_;
  ConnectionTrace baseline_;
  double expected_delay_ms_ = 0;  // bandwidth: the delay the rate imposes on the probe
  std::string unobservable_ = "not calibrated";
};

}  // namespace unbroken
