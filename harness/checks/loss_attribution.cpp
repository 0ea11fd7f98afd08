#include "harness/checks/loss_attribution.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "harness/core/duration.h"
#include "harness/core/time_format.h"

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

namespace {

// The declared window on the policy's backend whose heal sets the after_heal line (the
// last), or none when the policy judges all requests or no such fault was declared.
const FaultWindow* line_setting_window(const std::vector<FaultWindow>& windows,
                                       const LossPolicy& policy) {
  if (!policy.judge_after_heal_only) return nullptr;
  const FaultWindow* last = nullptr;
  for (const auto& w : windows) {
    if (w.declared && w.target == policy.backend && (!last || w.end > last->end)) last = &w;
  }
  return last;
}

}  // namespace

std::vector<const RequestRecord*> judged_requests(const RequestLedger& ledger,
                                                  const std::vector<FaultWindow>& windows,
                                                  const LossPolicy& policy) {
  TimePoint from{};
  if (const auto* w = line_setting_window(windows, policy)) {
    from = w->end + policy.reach.recover_within;
  }
  std::vector<const RequestRecord*> judged;
  for (const auto& r : ledger.records()) {
    if (r.outcome == RequestOutcome::kSucceeded && r.sent_at >= from) judged.push_back(&r);
  }
  return judged;
}

std::string why_none_judged(const RequestLedger& ledger, const std::vector<FaultWindow>& windows,
                            const LossPolicy& policy) {
  std::string why = "no succeeded request to judge";
  const auto* w = line_setting_window(windows, policy);
  if (!w) return why;
  std::optional<TimePoint> last_sent;
  for (const auto& r : ledger.records()) {
    if (r.outcome == RequestOutcome::kSucceeded)
      last_sent = std::max(last_sent.value_or(r.sent_at), r.sent_at);
  }
  why += fmt::format(
      ": judge: after_heal counts only requests sent from {} on ({}: its heal acted "
      "at {}, plus recover_within {})",
      format_rfc3339(w->end + policy.reach.recover_within), w->fault, format_rfc3339(w->end),
      format_duration(policy.reach.recover_within));
  if (last_sent) {
    why += fmt::format(", and the last succeeded request was sent {} before that",
                       format_duration(std::chrono::duration_cast<Millis>(
                           w->end + policy.reach.recover_within - *last_sent)));
  }
  return why;
}

}  // namespace unbroken
