// metrics.accounting: once the run settles, the workload's request counter as stored in
// Prometheus accounts for exactly the requests the load driver saw succeed. Requests whose
// outcome the driver could not know (sent, no answer) may or may not be counted, so the
// counter must lie in [succeeded, succeeded + unknown], widened by `tolerance`.
// The counter is totalled from raw samples across resets (see counter_total.h).
// A declared, verified fault on the counting service itself (the first hop of its job's
// metrics path) that restarted it (a counter reset after its injection) takes with it what
// the service counted after its last scrape: the succeeded requests answered after that
// scrape (those in flight at it included) and sent up to the heal may be missing, and the
// verdict says how many it excused and by which fault.
// With `each: <label>`, the series are grouped by that label's value and every group must
// account for the ledger on its own: each service of a chain counting every request once
// (`each: job`). A group is named in the verdict; the values in `expect` must each have a
// group, so a service whose counter is missing altogether fails rather than going unjudged.
// Evidence too weak to judge is inconclusive: when more than `max_unknown_share` of the sent
// requests have an unknown outcome, a counter inside the range proves little (any value
// across it would pass), so the verdict says so instead of passing. A counter outside even
// that range still fails.
// Parameters:
//   counter    PromQL vector selector of the counter
//              (required: the counter your load's target counts succeeded requests in)
//   tolerance  absolute slack on both sides (default 0)
//   each       a label: judge each of its values' series on their own (default: one total)
//   expect     with `each`: the label values that must each account for the ledger
//   max_unknown_share  the share of sent requests whose outcome may be unknown (default 0.05)
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/checks/check.h"
#include "harness/checks/counter_total.h"
#include "harness/core/param_decl.h"

namespace unbroken {

class MetricsAccounting final : public Check {
 public:
  explicit MetricsAccounting(const CheckSpec& spec);
  std::string name() const override { return "metrics.accounting"; }
  static ParamDecls parameters();
  bool settled(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  struct Observed {
    CounterTotal total;
    std::size_t series = 0;
    double excused = 0;                   // succeeded requests lost with declared faults
    std::vector<std::string> excused_by;  // those faults
  };
  // By the value of `each_` (one group, "", without it); never empty.
  std::map<std::string, Observed> observe(const CheckContext& context) const;
  bool within(const Observed& observed, const LedgerTotals& ledger) const;

  std::string counter_;
  double tolerance_;
  double max_unknown_share_;
  std::string each_;
  std::vector<std::string> expect_;
};

}  // namespace unbroken
