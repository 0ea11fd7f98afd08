// HealthSemantics ("health.semantics"): the health endpoints of `service` (its `readiness`
// and `liveness` paths in the system file; /readyz and /healthz below) tell the truth
// about a fault on its `downstream`. While the downstream is down, `service`'s /readyz
// must turn 503 within `within` (default 10s) — it cannot do its work — while its
// /healthz stays 200 (it is alive; restarting it would not help). After the heal both must
// answer 200 again within `within`. Watched live: probed from the fault's verified
// injection, all through the fault (a /healthz that flaps, or a /readyz that turns 200
// again while the downstream is still down, fails), and from the downstream being ready
// again.
// No answer is not an answer: a probe that got none (a timeout, a refused connection) is
// evidence neither way. When the probe that decides a phase got none, or most probes of the
// watch while the downstream was down got none, the verdict is inconclusive, naming the
// unanswered probes and the host's pressure at that moment.
// Parameters: service (required), downstream (required: the fault's target), within.
#pragma once

#include <optional>

#include "harness/checks/check.h"
#include "harness/core/param_decl.h"
#include "harness/system/system.h"

namespace unbroken {

class HealthSemantics final : public Check {
 public:
  HealthSemantics(const CheckSpec& spec, const System& system);
  std::string name() const override { return "health.semantics"; }
  static ParamDecls parameters();
  void on_fault_injected(const CheckContext& context, const std::string& target) override;
  void on_fault_healed(const CheckContext& context, const std::string& target) override;
  bool watches_continuously() const override { return true; }
  void while_running(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  // One probe of both endpoints; status 0 = no answer.
  struct Probe {
    int readyz = 0;
    int healthz = 0;
  };
  Probe probe(const CheckContext& context) const;
  // What was seen while watching one phase.
  struct Watch {
    bool watched = false;
    std::optional<Millis> readyz_changed_after;  // when /readyz reached the expected status
    int worst_healthz = 200;                     // a /healthz answer other than 200, if any
    Probe last;
    int probes = 0;
    int unanswered = 0;                    // probes where either endpoint gave no answer
    std::optional<HostPressure> pressure;  // when the phase ended undecided
  };
  Watch watch(const CheckContext& context, int wanted_readyz) const;

  std::string service_;
  std::string readiness_;  // its readiness path ("/readyz")
  std::string liveness_;   // its liveness path ("/healthz")
  std::string downstream_;
  Millis within_;
  Watch during_;
  Watch after_;
  bool downstream_down_ = false;  // between the verified injection and the heal
  // What the continuous watch saw while the downstream was down, after /readyz turned 503.
  int probes_while_down_ = 0;
  int unanswered_while_down_ = 0;
  std::optional<HostPressure> pressure_while_down_;  // at the first unanswered probe
  std::optional<int> flapped_healthz_;               // a /healthz answer other than 200
  bool readyz_ready_again_ = false;  // /readyz answered 200 with the downstream down
};

}  // namespace unbroken
