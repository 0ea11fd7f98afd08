#include "harness/checks/metrics_accounting.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace unbroken {
namespace {

// The succeeded requests that `window`, a fault that restarted the counting service, took
// with it: answered after the series' last sample before the injection (a request in flight
// at that scrape was counted after it), and sent up to the heal.
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
    if (r.outcome == RequestOutcome::kSucceeded && to_unix_seconds(r.answered_at()) > last_before &&
        r.sent_at <= w.end)
      ++lost;
  }
  return lost;
}
}  // namespace

ParamDecls MetricsAccounting::parameters() {
  return {{"counter", ParamType::kPromSelector, "", true,
           "the PromQL counter the system increments once per succeeded request"},
          {"tolerance", ParamType::kNumber, "0", false,
           "how far the counter may differ from the driver's count"},
          {"each", ParamType::kText, "", false,
           "a label: each of its values' series must account for every request on its own"},
          {"expect", ParamType::kList, "", false,
           "with each: the label's values that must each be there and account for the ledger"},
          {"max_unknown_share", ParamType::kNumber, "0.05", false,
           "above this share of sent requests with an unknown outcome, a counter in range is "
           "inconclusive, not passed"}};
}

MetricsAccounting::MetricsAccounting(const CheckSpec& spec)
    : counter_(spec.params.required_string("counter")),
      tolerance_(spec.params.number_or("tolerance", 0)),
      max_unknown_share_(spec.params.number_or("max_unknown_share", 0.05)),
      each_(spec.params.string_or("each", "")),
      expect_(spec.params.list_or("expect", "")) {
  if (tolerance_ < 0) throw ConfigError(spec.params.where(), "'tolerance' must not be negative");
  if (max_unknown_share_ < 0 || max_unknown_share_ > 1)
    throw ConfigError(spec.params.where(), "'max_unknown_share' must lie between 0 and 1");
  if (!expect_.empty() && each_.empty())
    throw ConfigError(spec.params.where(),
                      "'expect' needs 'each': the label whose values it lists");
}

std::map<std::string, MetricsAccounting::Observed> MetricsAccounting::observe(
    const CheckContext& ctx) const {
  std::map<std::string, Observed> groups;
  if (each_.empty()) groups[""];
  for (const auto& value : expect_) groups[value];  // judged even without a series
  for (const auto& s : ctx.prometheus.raw_samples(counter_, ctx.stack_ready, ctx.now)) {
    const auto value = s.labels.find(each_);
    auto& observed = groups[each_.empty() || value == s.labels.end() ? "" : value->second];
    ++observed.series;
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
  if (groups.empty()) groups[""];  // `each` given but no series: one empty group fails
  return groups;
}

bool MetricsAccounting::within(const Observed& observed, const LedgerTotals& ledger) const {
  const auto low = static_cast<double>(ledger.succeeded) - observed.excused - tolerance_;
  const auto high = static_cast<double>(ledger.succeeded + ledger.unknown) + tolerance_;
  return observed.total.total >= low && observed.total.total <= high;
}

bool MetricsAccounting::settled(const CheckContext& ctx) {
  const auto groups = observe(ctx);
  return std::all_of(groups.begin(), groups.end(),
                     [&](const auto& group) { return within(group.second, ctx.ledger); });
}

Verdict MetricsAccounting::evaluate(const CheckContext& ctx) {
  const auto groups = observe(ctx);
  const auto& ledger = ctx.ledger;
  const double unknown_share = ledger.unknown_share();
  nlohmann::json evidence{{"counter", counter_},
                          {"ledger", ledger.to_json()},
                          {"tolerance", tolerance_},
                          {"unknown_share", unknown_share},
                          {"max_unknown_share", max_unknown_share_}};
  nlohmann::json by_group = nlohmann::json::object();
  for (const auto& [group, observed] : groups) {
    nlohmann::json e{{"prometheus_total", observed.total.total},
                     {"counter_resets", observed.total.resets},
                     {"series", observed.series},
                     {"excused_lost_with_faults", observed.excused},
                     {"excused_by", observed.excused_by}};
    if (each_.empty()) {
      evidence.update(e);
    } else {
      by_group[group.empty() ? "(no " + each_ + ")" : group] = e;
    }
  }
  if (!each_.empty()) {
    evidence["each"] = each_;
    evidence["by_" + each_] = by_group;
  }
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
  // "orders: " before a group's finding when judging each group.
  const auto who = [&](const std::string& group) {
    if (each_.empty()) return std::string();
    return fmt::format("{}: ", group.empty() ? "series without " + each_ : each_ + " " + group);
  };
  std::vector<std::string> failures, passes;
  for (const auto& [group, observed] : groups) {
    if (!within(observed, ledger)) {
      const double diff = observed.total.total - static_cast<double>(ledger.succeeded);
      failures.push_back(fmt::format(
          "{}Prometheus counted {} requests, the driver saw {} succeed (expected {}, {} {}){}",
          who(group), observed.total.total, ledger.succeeded, expected,
          diff < 0 ? "missing" : "extra", std::abs(diff),
          observed.total.resets ? fmt::format("; {} counter reset(s)", observed.total.resets)
                                : ""));
      continue;
    }
    const double missing = static_cast<double>(ledger.succeeded) - observed.total.total;
    if (missing > 0 && observed.excused > 0) {
      passes.push_back(fmt::format(
          "{}Prometheus counted {} requests; the driver saw {} succeed: {} counted after the last "
          "scrape were lost with {} (declared, verified; up to {} excused)",
          who(group), observed.total.total, expected, missing, fmt::join(observed.excused_by, ", "),
          observed.excused));
    } else {
      passes.push_back(fmt::format("{}Prometheus counted {} requests; the driver saw {} succeed",
                                   who(group), observed.total.total, expected));
    }
  }
  if (!failures.empty())
    return Verdict::failed(name(), fmt::format("{}", fmt::join(failures, "; ")), evidence);
  if (unknown_share > max_unknown_share_) {
    return Verdict::inconclusive(
        name(),
        fmt::format("{} of {} sent requests have an unknown outcome ({:.1f}%, above "
                    "max_unknown_share {:.1f}%): any counter from {} would pass, too wide to be "
                    "evidence ({})",
                    ledger.unknown, ledger.sent, 100 * unknown_share, 100 * max_unknown_share_,
                    expected, fmt::join(passes, "; ")),
        evidence);
  }
  return Verdict::passed(name(), fmt::format("{}", fmt::join(passes, "; ")), evidence);
}

}  // namespace unbroken
