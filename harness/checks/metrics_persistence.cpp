#include "harness/checks/metrics_persistence.h"

#include <fmt/format.h>

#include <cmath>

#include "harness/core/time_format.h"

namespace unbroken {
namespace {

constexpr std::size_t kMaxListedSamples = 20;

std::size_t count(const std::map<Labels, std::set<long long>>& keys) {
  std::size_t n = 0;
  for (const auto& [labels, times] : keys) n += times.size();
  return n;
}

}  // namespace

ParamDecls MetricsPersistence::parameters() {
  return {{"selector", ParamType::kPromSelector, "", true,
           "the PromQL series selector whose samples from before the faults must survive"}};
}

MetricsPersistence::MetricsPersistence(const CheckSpec& spec)
    : selector_(spec.params.required_string("selector")) {}

MetricsPersistence::SampleKeys MetricsPersistence::keys_of(const std::vector<PromSeries>& series) {
  SampleKeys keys;
  for (const auto& s : series) {
    for (const auto& p : s.samples) keys[s.labels].insert(std::llround(p.t * 1000.0));
  }
  return keys;
}

void MetricsPersistence::before_faults(const CheckContext& ctx) {
  try {
    baseline_ = keys_of(ctx.prometheus.raw_samples(selector_, ctx.stack_ready, ctx.now));
    snapshot_at_ = ctx.now;
  } catch (const TransportError& e) {
    snapshot_unanswered_ = fmt::format("{} ({})", e.what(), ctx.pressure_now().describe());
  }
}

Verdict MetricsPersistence::evaluate(const CheckContext& ctx) {
  nlohmann::json evidence{{"selector", selector_}};
  if (!snapshot_unanswered_.empty()) {
    return Verdict::inconclusive(
        name(),
        fmt::format("the snapshot before the faults got no answer: {}; nothing to compare",
                    snapshot_unanswered_),
        evidence);
  }
  if (!snapshot_at_) {
    return Verdict::inconclusive(name(), "no snapshot was taken before the faults", evidence);
  }
  evidence["snapshot_at"] = format_rfc3339(*snapshot_at_);
  evidence["range"] = {format_rfc3339(ctx.stack_ready), format_rfc3339(*snapshot_at_)};
  const auto baseline_count = count(baseline_);
  evidence["samples_before_faults"] = baseline_count;
  if (baseline_count == 0) {
    return Verdict::inconclusive(
        name(), fmt::format("{} had no sample before the faults: nothing to compare", selector_),
        evidence);
  }
  const auto now = keys_of(ctx.prometheus.raw_samples(selector_, ctx.stack_ready, *snapshot_at_));
  std::size_t missing = 0;
  nlohmann::json missing_list = nlohmann::json::array();
  for (const auto& [labels, times] : baseline_) {
    const auto it = now.find(labels);
    for (const auto t : times) {
      if (it != now.end() && it->second.count(t)) continue;
      ++missing;
      if (missing_list.size() < kMaxListedSamples) {
        missing_list.push_back({{"labels", format_labels(labels)},
                                {"time", format_rfc3339(TimePoint(std::chrono::milliseconds(t)))}});
      }
    }
  }
  evidence["samples_at_end"] = count(now);
  evidence["missing"] = missing;
  evidence["missing_samples"] = missing_list;
  if (missing > 0) {
    return Verdict::failed(name(),
                           fmt::format("{} of {} samples of {} stored before the faults are gone",
                                       missing, baseline_count, selector_),
                           evidence);
  }
  return Verdict::passed(
      name(),
      fmt::format("all {} samples stored before the faults are still there", baseline_count),
      evidence);
}

}  // namespace unbroken
