// metrics.exposition: what each target of the given jobs exposes is what Prometheus stored.
// The harness reads each target's exposition itself, through the port its service
// publishes (the scrape URL Prometheus reports names the service and port), and:
//   - every sample name the target exposes must have been stored for that target at some
//     time in the observation window (a family dropped by relabelling, a sample limit or a
//     scrape that fails on the exposition is named);
//   - for every histogram family, each stored scrape's _count must equal its +Inf bucket.
// A job without an active target fails. A fault cannot excuse a missing family: a family is
// judged present if it was stored at any time in the run. A target the harness cannot reach
// is not judged: the verdict is inconclusive unless something else failed.
// Counters are held against the ledger by metrics.accounting, one expectation per counter.
// Parameters:
//   jobs  the Prometheus jobs whose targets are judged (required)
#pragma once

#include <set>
#include <string>
#include <vector>

#include "harness/checks/check.h"
#include "harness/core/param_decl.h"

namespace unbroken {

class MetricsExposition final : public Check {
 public:
  explicit MetricsExposition(const CheckSpec& spec);
  std::string name() const override { return "metrics.exposition"; }
  static ParamDecls parameters();
  bool settled(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  // One target: what it exposes and what of it Prometheus lacks.
  struct TargetFinding {
    PromTarget target;
    std::string unreachable;  // why its exposition could not be read; "" when it was
    std::set<std::string> exposed;
    std::vector<std::string> histograms;  // families of type histogram
    std::vector<std::string> missing;     // exposed sample names never stored
  };
  struct Findings {
    std::vector<TargetFinding> targets;
    std::vector<std::string> jobs_without_target;
  };
  Findings observe(const CheckContext& context) const;

  std::vector<std::string> jobs_;
};

}  // namespace unbroken
