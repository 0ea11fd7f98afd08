#include "harness/checks/metrics_accounting.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace unbroken {
namespace {

// The succeeded requests that `window`, a fault that restarted the counting service, took
// with it: sent after the series' last sample before the injection, up to the heal.
double lost_with(const CheckContext& ctx, const PromSeries& series, const FaultWindow& w) {
  double last_before = 0;
  bool reset_after = false;
  double previous = -1;
  for (const auto& s : series.samples) {
    if (s.t <= to_unix_seconds(w.start)) last_before = s.t;
    if (s.t > to_unix_seconds(w.start) && previous >= 0 && s.value < previous) reset_after = true;
    previous = s.value;
  }
  if (!reset_after || !ctx.requests) return 0;
  double lost = 0;
  for (const auto& r : ctx.requests->records()) {
    const double t = to_unix_seconds(r.sent_at);
    if (r.outcome == RequestOutcome::kSucceeded && t > last_before && r.sent_at <= w.end) ++lost;
  }
  return lost;
}
}  // namespace

ParamDecls MetricsAccounting::parameters() {
  return {{"counter", ParamType::kText, "", true,
           "the PromQL counter the system increments once per succeeded request"},
          {"tolerance", ParamType::kNumber, "0", false,
           "how far the counter may differ from the driver's count"}};
}

MetricsAccounting::MetricsAccounting(const CheckSpec& spec)
    : counter_(spec.params.required_string("counter")),
      tolerance_(spec.params.number_or("tolerance", 0)) {
  if (tolerance_ < 0) throw ConfigError(spec.params.where(), "'tolerance' must not be negative");
}

MetricsAccounting::Observed MetricsAccounting::observe(const CheckContext& ctx) const {
  Observed observed;
  const auto series = ctx.prometheus.raw_samples(counter_, ctx.stack_ready, ctx.now);
  observed.series = series.size();
  for (const auto& s : series) {
    const auto t = counter_total(s.samples);
    observed.total.total += t.total;
    observed.total.resets += t.resets;
    const auto job = s.labels.find("job");
    const auto path = ctx.paths.metrics.path_of(job == s.labels.end() ? "" : job->second);
    for (const auto& w : ctx.windows) {
      if (!w.declared || !w.verified || path.hops.size() < 2 || w.acted_on() != path.hops.front())
        continue;
      const auto lost = lost_with(ctx, s, w);
      if (lost == 0) continue;
      observed.excused += lost;
      observed.excused_by.push_back(w.fault);
    }
  }
  return observed;
}

bool MetricsAccounting::within(const Observed& observed, const LedgerTotals& ledger) const {
  const auto low = static_cast<double>(ledger.succeeded) - observed.excused - tolerance_;
  const auto high = static_cast<double>(ledger.succeeded + ledger.unknown) + tolerance_;
  return observed.total.total >= low && observed.total.total <= high;
}

bool MetricsAccounting::settled(const CheckContext& ctx) {
  return within(observe(ctx), ctx.ledger);
}

Verdict MetricsAccounting::evaluate(const CheckContext& ctx) {
  const auto observed = observe(ctx);
  const auto& ledger = ctx.ledger;
  nlohmann::json evidence{{"counter", counter_},
                          {"prometheus_total", observed.total.total},
                          {"counter_resets", observed.total.resets},
                          {"series", observed.series},
                          {"ledger", ledger.to_json()},
                          {"tolerance", tolerance_},
                          {"excused_lost_with_faults", observed.excused},
                          {"excused_by", observed.excused_by}};
  if (!ledger.complete()) {
    return Verdict::errored(name(), "the ledger has requests without an outcome", evidence);
  }
  if (ledger.succeeded == 0) {
    return Verdict::inconclusive(
        name(), "no request succeeded: there is nothing to account for (the load did not run)",
        evidence);
  }
  const auto expected = ledger.unknown == 0 ? fmt::format("{}", ledger.succeeded)
                                            : fmt::format("{}..{}", ledger.succeeded,
                                                          ledger.succeeded + ledger.unknown);
  if (!within(observed, ledger)) {
    const double diff = observed.total.total - static_cast<double>(ledger.succeeded);
    return Verdict::failed(
        name(),
        fmt::format("Prometheus counted {} requests, the driver saw {} succeed (expected {}, "
                    "{} {}){}",
                    observed.total.total, ledger.succeeded, expected,
                    diff < 0 ? "missing" : "extra", std::abs(diff),
                    observed.total.resets
                        ? fmt::format("; {} counter reset(s)", observed.total.resets)
                        : ""),
        evidence);
  }
  const double missing = static_cast<double>(ledger.succeeded) - observed.total.total;
  if (missing > 0 && observed.excused > 0) {
    return Verdict::passed(
        name(),
        fmt::format("Prometheus counted {} requests; the driver saw {} succeed: {} counted after "
                    "the last scrape were lost with {} (declared, verified; up to {} excused)",
                    observed.total.total, expected, missing, fmt::join(observed.excused_by, ", "),
                    observed.excused),
        evidence);
  }
  return Verdict::passed(name(),
                         fmt::format("Prometheus counted {} requests; the driver saw {} succeed",
                                     observed.total.total, expected),
                         evidence);
}

}  // namespace unbroken
