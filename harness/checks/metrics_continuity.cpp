#include "harness/checks/metrics_continuity.h"

#include <fmt/format.h>

#include "harness/checks/gaps.h"
#include "harness/core/time_format.h"

namespace unbroken {
namespace {

constexpr double kDefaultSpacingIntervals = 2.5;
constexpr Millis kDefaultRecoveryAllowance{15'000};

std::string when(double unix_seconds) {
  return format_rfc3339(from_unix_seconds(unix_seconds));
}

nlohmann::json gap_json(const GapAttribution& a, const std::vector<FaultWindow>& windows) {
  nlohmann::json j{{"from", when(a.gap.from)},
                   {"to", when(a.gap.to)},
                   {"seconds", a.gap.seconds()},
                   {"expected", a.window.has_value()}};
  if (a.gap.open_start) j["note"] = "no sample at all before this point of the observed range";
  if (a.gap.open_end) j["note"] = "no sample at all after this point of the observed range";
  if (a.window) {
    j["fault_window"] = windows[*a.window].fault;
  } else {
    j["fault_window"] = nullptr;
  }
  return j;
}

}  // namespace

MetricsContinuity::MetricsContinuity(const CheckSpec& spec)
    : selector_(spec.params.required_string("selector")),
      recovery_allowance_(
          spec.params.duration_or("recovery_allowance", kDefaultRecoveryAllowance)) {
  spec.params.expect_only({"selector", "max_spacing", "recovery_allowance"},
                          "check 'metrics.continuity'");
  if (spec.params.has("max_spacing"))
    max_spacing_ = spec.params.duration_or("max_spacing", Millis{0});
}

Verdict MetricsContinuity::evaluate(const CheckContext& ctx) {
  const double spacing = max_spacing_ ? to_seconds(*max_spacing_)
                                      : kDefaultSpacingIntervals * to_seconds(ctx.scrape_interval);
  const double allowance = to_seconds(recovery_allowance_);
  const double from = to_unix_seconds(ctx.observe_from);
  const double to = to_unix_seconds(ctx.observe_to);
  const auto series = ctx.prometheus.raw_samples(selector_, ctx.observe_from, ctx.observe_to);

  nlohmann::json evidence{{"selector", selector_},
                          {"observed_from", format_rfc3339(ctx.observe_from)},
                          {"observed_to", format_rfc3339(ctx.observe_to)},
                          {"max_spacing_seconds", spacing},
                          {"recovery_allowance_seconds", allowance},
                          {"series", nlohmann::json::array()}};
  if (series.empty()) {
    return Verdict::failed(
        name(),
        fmt::format("no sample of {} at all between {} and {}", selector_, when(from), when(to)),
        evidence);
  }

  int unexpected = 0;
  int expected = 0;
  std::optional<double> worst_recovery;
  for (const auto& s : series) {
    const auto attributed =
        attribute_gaps(find_gaps(s.samples, from, to, spacing), ctx.windows, spacing, allowance);
    nlohmann::json sj{{"labels", format_labels(s.labels)},
                      {"samples", s.samples.size()},
                      {"gaps", nlohmann::json::array()},
                      {"time_to_recover", nlohmann::json::array()}};
    for (const auto& a : attributed) {
      sj["gaps"].push_back(gap_json(a, ctx.windows));
      if (!a.window) {
        ++unexpected;
        continue;
      }
      ++expected;
      const double recovery = a.gap.to - to_unix_seconds(ctx.windows[*a.window].end);
      sj["time_to_recover"].push_back(
          {{"fault_window", ctx.windows[*a.window].fault}, {"seconds_after_heal", recovery}});
      if (!worst_recovery || recovery > *worst_recovery) worst_recovery = recovery;
    }
    evidence["series"].push_back(std::move(sj));
  }
  if (worst_recovery) evidence["worst_time_to_recover_seconds"] = *worst_recovery;

  if (unexpected > 0) {
    return Verdict::failed(name(),
                           fmt::format("{} gap(s) in {} outside any declared fault window "
                                       "(+{}s recovery allowance)",
                                       unexpected, selector_, allowance),
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
