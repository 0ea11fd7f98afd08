#include "harness/checks/loss_attribution.h"

#include <algorithm>

namespace unbroken {

ParamDecls LossPolicy::parameters() {
  return Reach::parameters() +
         ParamDecls{{"allow_loss_in_windows", ParamType::kBool, "true", false,
                     "false: nothing may be lost, not even inside a declared fault's window"},
                    {"judge",
                     ParamType::kChoice,
                     "all",
                     false,
                     "all requests, or only those sent after the last heal",
                     {"all", "after_heal"}}};
}

LossPolicy LossPolicy::from(const Params& params, std::string backend) {
  LossPolicy p;
  p.backend = std::move(backend);
  p.reach = Reach::from(params);
  const auto allow = params.string_or("allow_loss_in_windows", "true");
  if (allow != "true" && allow != "false") {
    throw ConfigError(params.where(),
                      "'allow_loss_in_windows' must be true or false, got '" + allow + "'");
  }
  p.allow_loss_in_windows = allow == "true";
  const auto judge = params.string_or("judge", "all");
  if (judge != "all" && judge != "after_heal") {
    throw ConfigError(params.where(), "'judge' must be all or after_heal, got '" + judge + "'");
  }
  p.judge_after_heal_only = judge == "after_heal";
  return p;
}

nlohmann::json LossPolicy::to_json() const {
  return {{"recover_within_seconds", to_seconds(reach.recover_within)},
          {"buffer_allowance_seconds", to_seconds(reach.before)},
          {"allow_loss_in_windows", allow_loss_in_windows},
          {"judge", judge_after_heal_only ? "after_heal of " + backend : "all"}};
}

std::vector<const RequestRecord*> judged_requests(const RequestLedger& ledger,
                                                  const std::vector<FaultWindow>& windows,
                                                  const LossPolicy& policy) {
  TimePoint from{};
  if (policy.judge_after_heal_only) {
    for (const auto& w : windows) {
      if (w.declared && w.target == policy.backend) {
        from = std::max(from, w.end + policy.reach.recover_within);
      }
    }
  }
  std::vector<const RequestRecord*> judged;
  for (const auto& r : ledger.records()) {
    if (r.outcome == RequestOutcome::kSucceeded && r.sent_at >= from) judged.push_back(&r);
  }
  return judged;
}

}  // namespace unbroken
