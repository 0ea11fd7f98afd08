#include "harness/checks/alerts_delivered.h"

#include <fmt/format.h>

#include <algorithm>

#include "harness/core/duration.h"
#include "harness/core/time_format.h"

namespace unbroken {
namespace {

nlohmann::json times(const std::vector<TimePoint>& list) {
  auto out = nlohmann::json::array();
  for (const auto& t : list) out.push_back(format_rfc3339(t));
  return out;
}

double seconds_between(TimePoint a, TimePoint b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

ParamDecls AlertsDelivered::parameters() {
  return AlertSelection::parameters();
}

AlertsDelivered::AlertsDelivered(const CheckSpec& spec, const System& system)
    : selection_(AlertSelection::from(spec.params)) {
  selection_.require_declared(system, name());
}

std::map<std::string, AlertsDelivered::Deliveries> AlertsDelivered::observe(
    const CheckContext& ctx) const {
  std::map<std::string, Deliveries> by_instance;
  for (const auto& notification : ctx.webhook.notifications()) {
    for (const auto& alert : notification.alerts) {
      if (!selection_.selects(alert.labels)) continue;
      auto& d = by_instance[alert_key(alert)];
      (alert.status == "resolved" ? d.resolved : d.firing).push_back(notification.received_at);
    }
  }
  return by_instance;
}

bool AlertsDelivered::settled(const CheckContext& ctx) {
  const auto expected = std::max<std::size_t>(1, selection_.windows(ctx.windows).size());
  const auto deliveries = observe(ctx);
  if (deliveries.empty()) return false;
  for (const auto& [instance, d] : deliveries) {
    if (d.resolved.size() < expected) return false;
  }
  return true;
}

void AlertsDelivered::before_faults(const CheckContext& ctx) {
  selection_.require_rule(ctx.prometheus, name());
}

Verdict AlertsDelivered::evaluate(const CheckContext& ctx) {
  const auto windows = selection_.windows(ctx.windows);
  // Each fault window the alert answers is its own outage: one firing and one resolved
  // notification per instance for each.
  const auto expected = std::max<std::size_t>(1, windows.size());
  const auto deliveries = observe(ctx);
  nlohmann::json evidence{{"alert", selection_.describe()}, {"instances", nlohmann::json::array()}};
  std::vector<std::string> problems;
  for (const auto& [instance, d] : deliveries) {
    nlohmann::json item{{"instance", instance},
                        {"firing_delivered_at", times(d.firing)},
                        {"resolved_delivered_at", times(d.resolved)}};
    for (std::size_t i = 0; i < windows.size(); ++i) {
      if (i < d.firing.size()) {
        item["firing_delay_after_inject_seconds"].push_back(
            seconds_between(windows[i].start, d.firing[i]));
      }
      if (i < d.resolved.size()) {
        item["resolved_delay_after_heal_seconds"].push_back(
            seconds_between(windows[i].end, d.resolved[i]));
      }
    }
    evidence["instances"].push_back(item);
    if (d.firing.size() != expected) {
      problems.push_back(fmt::format("{} delivered firing {} times", instance, d.firing.size()));
    }
    if (d.resolved.size() != expected) {
      problems.push_back(
          fmt::format("{} delivered resolved {} times", instance, d.resolved.size()));
    }
  }
  if (deliveries.empty()) {
    return Verdict::failed(
        name(), fmt::format("no notification for {} reached the webhook", selection_.describe()),
        evidence);
  }
  if (!problems.empty()) {
    std::string reason;
    for (const auto& p : problems) reason += (reason.empty() ? "" : "; ") + p;
    return Verdict::failed(
        name(), reason + fmt::format(" (expected once each per fault window: {})", expected),
        evidence);
  }
  return Verdict::passed(name(),
                         fmt::format("{} instance(s) of {} delivered once firing and once resolved "
                                     "for each of {} fault window(s)",
                                     deliveries.size(), selection_.describe(), expected),
                         evidence);
}

}  // namespace unbroken
