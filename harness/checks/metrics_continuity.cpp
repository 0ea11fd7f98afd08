#include "harness/checks/metrics_continuity.h"

#include <fmt/format.h>

#include <algorithm>

#include "harness/checks/gaps.h"
#include "harness/core/time_format.h"

namespace unbroken {
namespace {

constexpr double kDefaultSpacingIntervals = 2.5;
// A window shorter than this many max_spacings cannot tell a gap from its own edges: too
// few samples for the check's resolution.
constexpr double kMinWindowSpacings = 3;
constexpr Millis kDefaultRecoverWithin{15'000};

std::string when(double unix_seconds) {
  return format_rfc3339(from_unix_seconds(unix_seconds));
}

nlohmann::json gap_json(const GapAttribution& a, const std::vector<FaultWindow>& windows) {
  nlohmann::json j{{"from", when(a.gap.from)},
                   {"to", when(a.gap.to)},
                   {"seconds", a.gap.seconds()},
                   {"expected", a.attribution.excused()},
                   {"attribution", a.attribution.explain(windows)}};
  if (a.gap.open_start) j["note"] = "no sample at all before this point of the observed range";
  if (a.gap.open_end) j["note"] = "no sample at all after this point of the observed range";
  if (a.attribution.excused_by) {
    j["fault_window"] = windows[*a.attribution.excused_by].fault;
  } else {
    j["fault_window"] = nullptr;
  }
  return j;
}

TimePoint last_heal(const std::vector<FaultWindow>& windows) {
  TimePoint last{};
  for (const auto& w : windows) last = std::max(last, w.end);
  return last;
}

SignalPath path_of(const CheckContext& ctx, const Labels& labels) {
  const auto job = labels.find("job");
  return ctx.paths.metrics.path_of(job == labels.end() ? "" : job->second);
}

}  // namespace

ParamDecls MetricsContinuity::parameters() {
  return ParamDecls{{"selector", ParamType::kPromSelector, "", true,
                     "the PromQL series selector judged (one or more series)"},
                    {"max_spacing", ParamType::kDuration, "2.5 × scrape interval", false,
                     "the largest allowed distance between two raw samples"},
                    {"recover_within", ParamType::kDuration, "15s", false,
                     "the bound on a series' recovery after a heal"}};
}

MetricsContinuity::MetricsContinuity(const CheckSpec& spec)
    : selector_(spec.params.required_string("selector")),
      recover_within_(spec.params.duration_or("recover_within", kDefaultRecoverWithin)) {
  if (spec.params.has("max_spacing"))
    max_spacing_ = spec.params.duration_or("max_spacing", Millis{0});
}

TimePoint MetricsContinuity::observed_until(const CheckContext& ctx) const {
  if (ctx.windows.empty()) return ctx.observe_to;
  return std::max(ctx.observe_to, std::min(ctx.now, last_heal(ctx.windows) + recover_within_));
}

bool MetricsContinuity::settled(const CheckContext& ctx) {
  if (ctx.windows.empty()) return true;
  const auto healed = last_heal(ctx.windows);
  if (ctx.now >= healed + recover_within_) return true;
  const auto series = ctx.prometheus.raw_samples(selector_, ctx.observe_from, ctx.now);
  return !series.empty() && std::all_of(series.begin(), series.end(), [&](const PromSeries& s) {
    return !s.samples.empty() && s.samples.back().t > to_unix_seconds(healed);
  });
}

Verdict MetricsContinuity::evaluate(const CheckContext& ctx) {
  const double spacing = max_spacing_ ? to_seconds(*max_spacing_)
                                      : kDefaultSpacingIntervals * to_seconds(ctx.scrape_interval);
  const double allowance = to_seconds(recover_within_);
  const auto until = observed_until(ctx);
  const double from = to_unix_seconds(ctx.observe_from);
  const double to = to_unix_seconds(until);
  if (to - from < kMinWindowSpacings * spacing) {
    return Verdict::inconclusive(
        name(),
        fmt::format("the observed window lasted {:.1f}s, under {} × max_spacing ({:.1f}s): too "
                    "few samples for a gap to show apart from the window's edges",
                    to - from, kMinWindowSpacings, spacing),
        {{"selector", selector_},
         {"observed_from", format_rfc3339(ctx.observe_from)},
         {"observed_to", format_rfc3339(until)},
         {"max_spacing_seconds", spacing}});
  }
  const auto series = ctx.prometheus.raw_samples(selector_, ctx.observe_from, until);

  nlohmann::json evidence{{"selector", selector_},
                          {"observed_from", format_rfc3339(ctx.observe_from)},
                          {"observed_to", format_rfc3339(until)},
                          {"load_ended", format_rfc3339(ctx.observe_to)},
                          {"max_spacing_seconds", spacing},
                          {"recover_within_seconds", allowance},
                          {"series", nlohmann::json::array()}};
  if (series.empty()) {
    return Verdict::failed(
        name(),
        fmt::format("no sample of {} at all between {} and {}", selector_, when(from), when(to)),
        evidence);
  }

  std::optional<std::string> first_unexpected;
  int unexpected = 0;
  int expected = 0;
  std::optional<double> worst_recovery;
  for (const auto& s : series) {
    const auto path = path_of(ctx, s.labels);
    const auto attributed = attribute_gaps(find_gaps(s.samples, from, to, spacing), path,
                                           ctx.windows, spacing, recover_within_);
    nlohmann::json sj{{"labels", format_labels(s.labels)},
                      {"path", path.to_string()},
                      {"samples", s.samples.size()},
                      {"gaps", nlohmann::json::array()},
                      {"time_to_recover", nlohmann::json::array()}};
    for (const auto& a : attributed) {
      sj["gaps"].push_back(gap_json(a, ctx.windows));
      if (!a.attribution.excused_by) {
        if (!first_unexpected) first_unexpected = a.attribution.explain(ctx.windows);
        ++unexpected;
        continue;
      }
      ++expected;
      const auto& w = ctx.windows[*a.attribution.excused_by];
      const double recovery = a.gap.to - to_unix_seconds(w.end);
      sj["time_to_recover"].push_back({{"fault_window", w.fault},
                                       {"seconds_after_heal", recovery},
                                       {"bound_seconds", allowance}});
      if (!worst_recovery || recovery > *worst_recovery) worst_recovery = recovery;
    }
    evidence["series"].push_back(std::move(sj));
  }
  if (worst_recovery) evidence["worst_time_to_recover_seconds"] = *worst_recovery;

  if (unexpected > 0) {
    return Verdict::failed(name(),
                           fmt::format("{} gap(s) in {} not excused (recover_within {}s); first: "
                                       "{}",
                                       unexpected, selector_, allowance, *first_unexpected),
                           evidence);
  }
  if (expected == 0) {
    return Verdict::passed(name(), fmt::format("{} series continuous, no gap", series.size()),
                           evidence);
  }
  return Verdict::passed(
      name(),
      fmt::format("{} series continuous apart from {} gap(s) inside fault windows; recovered "
                  "{:.1f}s after heal",
                  series.size(), expected, worst_recovery.value_or(0)),
      evidence);
}

}  // namespace unbroken
