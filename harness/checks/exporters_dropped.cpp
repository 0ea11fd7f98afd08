#include "harness/checks/exporters_dropped.h"

#include <fmt/format.h>

#include "harness/checks/counter_total.h"
#include "harness/core/time_format.h"

namespace unbroken {
namespace {

constexpr const char* kDefaultSelector = "unbroken_exporter_items_total{outcome=~\"dropped_.*\"}";
constexpr std::size_t kListed = 25;

std::string label(const Labels& labels, const std::string& name) {
  const auto found = labels.find(name);
  return found == labels.end() ? "" : found->second;
}

SignalPath path_of(const CheckContext& ctx, const Labels& labels) {
  const auto job = label(labels, "job");
  const auto signal = label(labels, "signal");
  if (signal == "spans") return ctx.paths.spans.path_of(job);
  if (signal == "logs") return ctx.paths.logs.path_of(job);
  return {fmt::format("{} of {} (no path for this signal)", signal, job), {}};
}

}  // namespace

ParamDecls ExportersDropped::parameters() {
  return ParamDecls{{"selector", ParamType::kPromSelector,
                     "unbroken_exporter_items_total{outcome=~\"dropped_.*\"}", false,
                     "the counters of items the system's exporters dropped"}} +
         Reach::parameters();
}

ExportersDropped::ExportersDropped(const CheckSpec& spec)
    : selector_(spec.params.string_or("selector", kDefaultSelector)),
      reach_(Reach::from(spec.params)) {}

Verdict ExportersDropped::evaluate(const CheckContext& ctx) {
  const auto series = ctx.prometheus.raw_samples(selector_, ctx.stack_ready, ctx.now);
  const LossAttributor attributor(ctx.windows, reach_);
  double dropped = 0;
  double unexcused = 0;
  nlohmann::json drops = nlohmann::json::array();
  std::string first;
  for (const auto& s : series) {
    const auto path = path_of(ctx, s.labels);
    for (std::size_t i = 1; i < s.samples.size(); ++i) {
      const auto& before = s.samples[i - 1];
      const auto& after = s.samples[i];
      const double increase = counter_increase(before.value, after.value);
      if (increase <= 0) continue;
      dropped += increase;
      const auto a =
          attributor.attribute(path, from_unix_seconds(before.t), from_unix_seconds(after.t));
      const auto what = fmt::format("{} {} {} ({}) between {} and {}", label(s.labels, "job"),
                                    increase, label(s.labels, "signal"), label(s.labels, "outcome"),
                                    format_rfc3339(from_unix_seconds(before.t)),
                                    format_rfc3339(from_unix_seconds(after.t)));
      if (!a.excused()) {
        unexcused += increase;
        if (first.empty()) first = what + ": " + a.explain(ctx.windows);
      }
      if (drops.size() < kListed) {
        drops.push_back(
            {{"drop", what}, {"excused", a.excused()}, {"attribution", a.explain(ctx.windows)}});
      }
    }
  }
  nlohmann::json evidence{{"selector", selector_},
                          {"series", series.size()},
                          {"dropped", dropped},
                          {"unexcused", unexcused},
                          {"drops", drops}};
  if (series.empty()) {
    return Verdict::inconclusive(
        name(), fmt::format("no series of {}: nothing says what the exporters did", selector_),
        evidence);
  }
  if (unexcused > 0) {
    return Verdict::failed(name(),
                           fmt::format("the exporters dropped {} item(s) that no fault excuses; "
                                       "first: {}",
                                       unexcused, first),
                           evidence);
  }
  return Verdict::passed(
      name(),
      dropped > 0 ? fmt::format("{} item(s) dropped, all excused by faults on their paths "
                                "({} series watched)",
                                dropped, series.size())
                  : fmt::format("no exporter dropped an item ({} series watched)", series.size()),
      evidence);
}

}  // namespace unbroken
