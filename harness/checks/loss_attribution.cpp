#include "harness/checks/loss_attribution.h"

#include <algorithm>

namespace unbroken {

LossPolicy LossPolicy::from(const Params& params, std::string backend) {
  LossPolicy p;
  p.backend = std::move(backend);
  p.recovery_allowance = params.duration_or("recovery_allowance", p.recovery_allowance);
  p.buffer_allowance = params.duration_or("buffer_allowance", p.buffer_allowance);
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
  return {{"recovery_allowance_seconds", to_seconds(recovery_allowance)},
          {"buffer_allowance_seconds", to_seconds(buffer_allowance)},
          {"allow_loss_in_windows", allow_loss_in_windows},
          {"judge", judge_after_heal_only ? "after_heal of " + backend : "all"}};
}

std::optional<std::size_t> excusing_window(TimePoint sent_at,
                                           const std::vector<FaultWindow>& windows,
                                           const LossPolicy& policy) {
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const auto& w = windows[i];
    if (w.declared && sent_at >= w.start - policy.buffer_allowance &&
        sent_at <= w.end + policy.recovery_allowance) {
      return i;
    }
  }
  return std::nullopt;
}

std::vector<const RequestRecord*> judged_requests(const RequestLedger& ledger,
                                                  const std::vector<FaultWindow>& windows,
                                                  const LossPolicy& policy) {
  TimePoint from{};
  if (policy.judge_after_heal_only) {
    for (const auto& w : windows) {
      if (w.declared && w.target == policy.backend) {
        from = std::max(from, w.end + policy.recovery_allowance);
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
