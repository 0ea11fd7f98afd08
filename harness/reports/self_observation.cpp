#include "harness/reports/self_observation.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "harness/checks/load_evidence.h"

namespace unbroken {
namespace {

// The 99th percentile of the sends' lateness, as the upper bound of its bucket; null when
// nothing was sent or it lies past the histogram's last bound.
nlohmann::json p99_ms(const LoadStats& load) {
  const auto p99 = load.lateness.quantile_at_most(0.99);
  if (!p99) return nullptr;
  return static_cast<double>(p99->count()) / 1000.0;
}

// What the checks verified while the load ran, and whether they fell behind it by more than
// kDuringLoadLagBound past the horizon; empty when no check verifies during the load.
std::string describe_during_load(const RunRecord& r) {
  const auto& during = r.during_load;
  const auto sent = r.ledger.sent;
  if (during.checks == 0 || sent == 0 || !r.load_started || !r.load_ended) return {};
  auto text = fmt::format("; during the load, the checks verified the first {} of {} requests",
                          during.requests_verified, sent);
  const auto behind = sent - std::min(sent, during.requests_verified);
  const double load_s = std::chrono::duration<double>(*r.load_ended - *r.load_started).count();
  const double behind_s = load_s * static_cast<double>(behind) / static_cast<double>(sent);
  const double bound_s =
      std::chrono::duration<double>(kDuringLoadHorizon + kDuringLoadLagBound).count();
  if (behind_s <= bound_s) return text;
  return text + fmt::format(
                    ", falling {:.0f}s of load behind it (more than {:.0f}s; {}): the rest was "
                    "verified after it",
                    behind_s, bound_s,
                    during.host_busy > 0
                        ? fmt::format("{} period(s) skipped as the host was busy", during.host_busy)
                        : std::string("the backends answered no faster"));
}

}  // namespace

nlohmann::json self_observation_json(const RunRecord& r) {
  return {{"host_peak", r.host_peak.to_json()},
          {"host_samples", r.host_samples},
          {"driver_max_lateness_ms", r.load.max_lateness.count()},
          {"driver_late_sends", r.load.late_sends()},
          {"driver_p99_lateness_at_most_ms", p99_ms(r.load)},
          {"unknown_outcomes", r.ledger.unknown},
          {"unknown_share", r.ledger.unknown_share()},
          {"backend_exchanges", r.backend_exchanges.to_json()},
          {"during_load", r.during_load.to_json()},
          {"slowest_fault_command",
           {{"ms", r.slowest_fault_command.count()}, {"was", r.slowest_fault_command_was}}},
          {"thresholds",
           {{"min_succeeded_share_outside_fault_windows", kMinSucceededShare},
            {"late_send_bound_ms", kLateSendBound.count()},
            {"max_late_send_share", kMaxLateSendShare}}}};
}

std::string describe_self_observation(const RunRecord& r) {
  const auto host = r.host_samples == 0 ? std::string("the host was not sampled (no load ran)")
                    : !r.host_peak.known()
                        ? std::string("the host's load is unknown (its kernel reports none)")
                        : fmt::format("{} at its peak over {} sample{}", r.host_peak.describe(),
                                      r.host_samples, r.host_samples == 1 ? "" : "s");
  const auto& asked = r.backend_exchanges;
  auto text = fmt::format(
      "{}; the load driver was at most {}ms late ({} of {} sends over {}ms); {} of {} outcomes "
      "unknown ({:.1f}%); {} of {} backend queries and probes got no answer (slowest answer "
      "{}ms)",
      host, r.load.max_lateness.count(), r.load.late_sends(), r.load.sends(),
      kLateSendBound.count(), r.ledger.unknown, r.ledger.sent, 100 * r.ledger.unknown_share(),
      asked.unanswered, asked.asked, asked.slowest.count());
  text += describe_during_load(r);
  if (!r.slowest_fault_command_was.empty()) {
    text += fmt::format("; the slowest fault command took {}ms ({})",
                        r.slowest_fault_command.count(), r.slowest_fault_command_was);
  }
  return text;
}

}  // namespace unbroken
