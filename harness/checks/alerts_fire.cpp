#include "harness/checks/alerts_fire.h"

#include <fmt/format.h>

#include "harness/core/duration.h"
#include "harness/core/time_format.h"

namespace unbroken {
namespace {

double seconds(Millis d) {
  return static_cast<double>(d.count()) / 1000.0;
}

Millis between(TimePoint a, TimePoint b) {
  return std::chrono::duration_cast<Millis>(b - a);
}

}  // namespace

AlertsFire::AlertsFire(const CheckSpec& spec)
    : selection_(AlertSelection::from(spec.params)),
      fire_within_(spec.params.duration_or("fire_within", Millis(30'000))),
      resolve_within_(spec.params.duration_or("resolve_within", Millis(30'000))) {
  spec.params.expect_only({"alert", "match", "target", "fire_within", "resolve_within"},
                          "check 'alerts.fire'");
}

AlertsFire::Firing AlertsFire::observe(const CheckContext& ctx) const {
  Firing firing;
  for (const auto& series :
       ctx.prometheus.raw_samples(selection_.firing_series(), ctx.stack_ready, ctx.now)) {
    for (const auto& sample : series.samples) {
      const auto t = from_unix_seconds(sample.t);
      if (!firing.first || t < *firing.first) firing.first = t;
      if (!firing.last || t > *firing.last) firing.last = t;
    }
  }
  return firing;
}

bool AlertsFire::settled(const CheckContext& ctx) {
  const auto window = selection_.window(ctx.windows);
  if (!window) return true;
  if (ctx.now >= window->end + resolve_within_) return true;
  const auto firing = observe(ctx);
  // Resolved: it fired, and no firing sample for a few evaluations since the heal.
  return firing.last && *firing.last > window->end &&
         ctx.now - *firing.last > 3 * ctx.scrape_interval;
}

Verdict AlertsFire::evaluate(const CheckContext& ctx) {
  const auto window = selection_.window(ctx.windows);
  nlohmann::json evidence{{"alert", selection_.describe()},
                          {"series", selection_.firing_series()},
                          {"fire_within_seconds", seconds(fire_within_)},
                          {"resolve_within_seconds", seconds(resolve_within_)}};
  if (!window) {
    return Verdict::errored(name(), selection_.target.empty()
                                        ? "no declared fault window to judge the alert against"
                                        : "no declared fault on " + selection_.target);
  }
  evidence["fault"] = window->fault;
  const auto firing = observe(ctx);
  if (!firing.first) {
    return Verdict::failed(name(),
                           fmt::format("{} never fired (no firing sample in ALERTS from the stack "
                                       "being ready to now)",
                                       selection_.describe()),
                           evidence);
  }
  const auto fire_latency = between(window->start, *firing.first);
  // The last firing sample is one evaluation before the resolution was seen.
  const auto resolved_by = *firing.last + ctx.scrape_interval;
  const auto resolve_latency = between(window->end, resolved_by);
  evidence["fired_at"] = format_rfc3339(*firing.first);
  evidence["fire_latency_seconds"] = seconds(fire_latency);
  evidence["last_firing_at"] = format_rfc3339(*firing.last);
  evidence["resolve_latency_seconds"] = seconds(resolve_latency);
  if (*firing.first < window->start) {
    return Verdict::failed(name(),
                           fmt::format("{} fired {} before the fault was injected: a false alarm",
                                       selection_.describe(), format_duration(-fire_latency)),
                           evidence);
  }
  if (fire_latency > fire_within_) {
    return Verdict::failed(
        name(),
        fmt::format("{} fired {} after the fault, later than {}", selection_.describe(),
                    format_duration(fire_latency), format_duration(fire_within_)),
        evidence);
  }
  if (ctx.now - *firing.last <= 2 * ctx.scrape_interval || resolve_latency > resolve_within_) {
    return Verdict::failed(
        name(),
        fmt::format("{} fired {} after the fault but did not resolve within {} of the heal",
                    selection_.describe(), format_duration(fire_latency),
                    format_duration(resolve_within_)),
        evidence);
  }
  return Verdict::passed(name(),
                         fmt::format("{} fired {} after the fault and resolved {} after the heal",
                                     selection_.describe(), format_duration(fire_latency),
                                     format_duration(std::max(Millis(0), resolve_latency))),
                         evidence);
}

}  // namespace unbroken
