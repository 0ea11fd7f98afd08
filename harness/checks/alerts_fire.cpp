#include "harness/checks/alerts_fire.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "harness/core/duration.h"
#include "harness/core/time_format.h"

namespace unbroken {
namespace {

// A firing episode ends when no firing sample came for this many evaluations.
constexpr int kEpisodeBreak = 3;

double seconds(Millis d) {
  return static_cast<double>(d.count()) / 1000.0;
}

Millis between(TimePoint a, TimePoint b) {
  return std::chrono::duration_cast<Millis>(b - a);
}

}  // namespace

ParamDecls AlertsFire::parameters() {
  return AlertSelection::parameters() +
         ParamDecls{{"fire_within", ParamType::kDuration, "30s", false,
                     "how soon after the injection the alert must fire"},
                    {"resolve_within", ParamType::kDuration, "30s", false,
                     "how soon after the heal it must resolve"}};
}

AlertsFire::AlertsFire(const CheckSpec& spec, const System& system)
    : selection_(AlertSelection::from(spec.params)),
      fire_within_(spec.params.duration_or("fire_within", Millis(30'000))),
      resolve_within_(spec.params.duration_or("resolve_within", Millis(30'000))) {
  selection_.require_declared(system, name());
}

std::vector<AlertsFire::Episode> AlertsFire::observe(const CheckContext& ctx) const {
  std::vector<TimePoint> times;
  for (const auto& series :
       ctx.prometheus.raw_samples(selection_.firing_series(), ctx.stack_ready, ctx.now)) {
    for (const auto& sample : series.samples) times.push_back(from_unix_seconds(sample.t));
  }
  std::sort(times.begin(), times.end());
  std::vector<Episode> episodes;
  for (const auto t : times) {
    if (episodes.empty() || t - episodes.back().last > kEpisodeBreak * ctx.scrape_interval) {
      episodes.push_back({t, t});
    } else {
      episodes.back().last = t;
    }
  }
  return episodes;
}

bool AlertsFire::settled(const CheckContext& ctx) {
  const auto windows = selection_.windows(ctx.windows);
  if (windows.empty()) return true;
  const auto& last_window = windows.back();
  if (ctx.now >= last_window.end + resolve_within_) return true;
  const auto episodes = observe(ctx);
  // Resolved: it fired, and no firing sample for a few evaluations since the last heal.
  return !episodes.empty() && episodes.back().last > last_window.end &&
         ctx.now - episodes.back().last > 3 * ctx.scrape_interval;
}

void AlertsFire::before_faults(const CheckContext& ctx) {
  selection_.require_rule(ctx.prometheus, name());
}

Verdict AlertsFire::evaluate(const CheckContext& ctx) {
  const auto windows = selection_.windows(ctx.windows);
  nlohmann::json evidence{{"alert", selection_.describe()},
                          {"series", selection_.firing_series()},
                          {"fire_within_seconds", seconds(fire_within_)},
                          {"resolve_within_seconds", seconds(resolve_within_)},
                          {"windows", nlohmann::json::array()},
                          {"episodes", nlohmann::json::array()}};
  if (windows.empty()) {
    return Verdict::errored(name(), selection_.target.empty()
                                        ? "no declared fault window to judge the alert against"
                                        : "no declared fault on " + selection_.target);
  }
  const auto episodes = observe(ctx);
  for (const auto& e : episodes) {
    evidence["episodes"].push_back(
        {{"fired_at", format_rfc3339(e.first)}, {"last_firing_at", format_rfc3339(e.last)}});
  }
  if (episodes.empty()) {
    return Verdict::failed(name(),
                           fmt::format("{} never fired (no firing sample in ALERTS from the stack "
                                       "being ready to now)",
                                       selection_.describe()),
                           evidence);
  }
  std::vector<bool> matched(episodes.size(), false);
  std::vector<std::string> problems;
  std::vector<std::string> passes;
  for (const auto& w : windows) {
    nlohmann::json wj{{"fault", w.fault}};
    // This window's episode: the first one not yet matched that fired after its injection.
    std::optional<std::size_t> own;
    for (std::size_t i = 0; i < episodes.size() && !own; ++i) {
      if (!matched[i] && episodes[i].first >= w.start &&
          episodes[i].first <= w.end + resolve_within_)
        own = i;
    }
    if (!own) {
      problems.push_back(fmt::format("did not fire for {}", w.fault));
      evidence["windows"].push_back(wj);
      continue;
    }
    matched[*own] = true;
    const auto& e = episodes[*own];
    const auto fire_latency = between(w.start, e.first);
    const auto resolve_latency = between(w.end, e.last + ctx.scrape_interval);
    wj["fire_latency_seconds"] = seconds(fire_latency);
    wj["resolve_latency_seconds"] = seconds(resolve_latency);
    evidence["windows"].push_back(wj);
    if (fire_latency > fire_within_) {
      problems.push_back(fmt::format("fired {} after {}, later than {}",
                                     format_duration(fire_latency), w.fault,
                                     format_duration(fire_within_)));
    } else if (ctx.now - e.last <= 2 * ctx.scrape_interval || resolve_latency > resolve_within_) {
      problems.push_back(fmt::format("fired {} after {} but did not resolve within {} of the heal",
                                     format_duration(fire_latency), w.fault,
                                     format_duration(resolve_within_)));
    } else {
      passes.push_back(fmt::format("fired {} after the fault and resolved {} after the heal",
                                   format_duration(fire_latency),
                                   format_duration(std::max(Millis(0), resolve_latency))));
    }
  }
  for (std::size_t i = 0; i < episodes.size(); ++i) {
    if (matched[i]) continue;
    const bool early = episodes[i].first < windows.front().start;
    problems.push_back(
        fmt::format("fired at {}{}: a false alarm", format_rfc3339(episodes[i].first),
                    early ? ", before the fault was injected" : ", in no fault window"));
  }
  if (!problems.empty()) {
    return Verdict::failed(
        name(), fmt::format("{} {}", selection_.describe(), fmt::join(problems, "; ")), evidence);
  }
  return Verdict::passed(
      name(),
      fmt::format("{} {}", selection_.describe(),
                  windows.size() == 1 ? passes.front()
                                      : fmt::format("answered each of {} faults: {}",
                                                    windows.size(), fmt::join(passes, "; "))),
      evidence);
}

}  // namespace unbroken
