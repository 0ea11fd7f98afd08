#include "harness/checks/load_evidence.h"

#include <fmt/format.h>

#include <algorithm>

#include "harness/core/duration.h"

namespace unbroken {

std::optional<Verdict> judge_load(const RequestLedger& ledger, const LoadStats& schedule,
                                  const std::vector<FaultWindow>& windows, Millis recover_within) {
  std::uint64_t outside = 0;
  std::uint64_t succeeded = 0;
  std::uint64_t succeeded_anywhere = 0;
  for (const auto& r : ledger.records()) {
    if (r.outcome == RequestOutcome::kNotSent) continue;
    const bool ok = r.outcome == RequestOutcome::kSucceeded;
    succeeded_anywhere += ok ? 1 : 0;
    const bool in_window = std::any_of(windows.begin(), windows.end(), [&](const FaultWindow& w) {
      return r.sent_at >= w.start && r.sent_at <= w.end + recover_within;
    });
    if (in_window) continue;
    ++outside;
    succeeded += ok ? 1 : 0;
  }
  nlohmann::json evidence{{"sent_outside_fault_windows", outside},
                          {"succeeded_outside_fault_windows", succeeded},
                          {"succeeded", succeeded_anywhere},
                          {"min_succeeded_share", kMinSucceededShare},
                          {"recover_within_seconds", to_seconds(recover_within)},
                          {"late_sends", schedule.late_sends()},
                          {"late_send_bound_ms", kLateSendBound.count()},
                          {"max_late_send_share", kMaxLateSendShare},
                          {"driver_max_lateness_ms", schedule.max_lateness.count()}};
  if (succeeded_anywhere == 0) {
    return Verdict::inconclusive("load", "no request succeeded: nothing the checks saw can pass",
                                 evidence);
  }
  if (schedule.sends() > 0) {
    const double late_share =
        static_cast<double>(schedule.late_sends()) / static_cast<double>(schedule.sends());
    if (late_share > kMaxLateSendShare) {
      return Verdict::inconclusive(
          "load",
          fmt::format("the load driver sent {} of {} requests more than {} behind schedule "
                      "({:.1f}%, at worst {} late; the bound is {:.0f}%): the load the checks "
                      "would judge is not the one declared",
                      schedule.late_sends(), schedule.sends(), format_duration(kLateSendBound),
                      late_share * 100, format_duration(schedule.max_lateness),
                      kMaxLateSendShare * 100),
          evidence);
    }
  }
  if (outside == 0) return std::nullopt;
  const double share = static_cast<double>(succeeded) / static_cast<double>(outside);
  if (share >= kMinSucceededShare) return std::nullopt;
  return Verdict::inconclusive(
      "load",
      fmt::format("only {} of {} requests sent outside fault windows succeeded ({:.0f}%, the "
                  "bound is {:.0f}%): the load did not run through the system, so the checks "
                  "have too little to judge",
                  succeeded, outside, share * 100, kMinSucceededShare * 100),
      evidence);
}

}  // namespace unbroken
