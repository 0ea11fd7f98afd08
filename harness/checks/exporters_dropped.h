// exporters.dropped: the workload's own exporters say they lost nothing that no fault
// excuses. Reads every raw sample of `selector` (default the reference workload's
// unbroken_exporter_items_total{outcome=~"dropped_.*"}, labelled job, signal, outcome) and
// judges each increase of each series, from the sample before it to the sample that shows
// it, by the attribution rules (attribution.h) on the path of that job's signal: a drop of
// spans is excused only by a declared, verified fault on that service's spans path.
// A counter reset (the service restarted) counts its new value as dropped after the reset.
// Parameters: selector, buffer_allowance (0s), recover_within (15s).
// Inconclusive when no series matches: nothing says what the exporters did.
#pragma once

#include "harness/checks/attribution.h"
#include "harness/checks/check.h"
#include "harness/core/param_decl.h"

namespace unbroken {

class ExportersDropped final : public Check {
 public:
  explicit ExportersDropped(const CheckSpec& spec);
  std::string name() const override { return "exporters.dropped"; }
  static ParamDecls parameters();
  Verdict evaluate(const CheckContext& context) override;

 private:
  std::string selector_;
  Reach reach_;
};

}  // namespace unbroken
