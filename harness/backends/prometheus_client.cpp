#include "harness/backends/prometheus_client.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "harness/backends/backend_query.h"

namespace unbroken {
namespace {

constexpr Millis kPrometheusQueryTimeout{15'000};
// Raw-sample windows are fetched in slices so a long run never asks for one huge matrix.
constexpr Millis kRawSlice{3'600'000};

std::string unix_seconds(TimePoint t) {
  return fmt::format("{:.3f}", to_unix_seconds(t));
}

}  // namespace

PrometheusClient::PrometheusClient(HttpTransport& http, std::string base_url)
    : http_(http), base_url_(std::move(base_url)) {}

std::vector<PromSeries> PrometheusClient::get_result(const std::string& path,
                                                     const QueryParams& params) const {
  const auto query = params.find("query");
  return asking("Prometheus",
                fmt::format("{} {}", path, query == params.end() ? "" : query->second), [&] {
                  const auto response = http_.get(base_url_, path, params, kPrometheusQueryTimeout);
                  return parse_prometheus_result(response.body, response.status);
                });
}

std::string PrometheusClient::loaded_config() const {
  return asking("Prometheus", "its loaded configuration", [&] {
    const auto response =
        http_.get(base_url_, "/api/v1/status/config", {}, kPrometheusQueryTimeout);
    return parse_prometheus_config(response.body, response.status);
  });
}

std::vector<std::string> PrometheusClient::alerting_rules() const {
  return asking("Prometheus", "its alerting rules", [&] {
    const auto response =
        http_.get(base_url_, "/api/v1/rules", {{"type", "alert"}}, kPrometheusQueryTimeout);
    return parse_prometheus_alert_names(response.body, response.status);
  });
}

std::vector<PromTarget> PrometheusClient::active_targets() const {
  return asking("Prometheus", "its active targets", [&] {
    const auto response =
        http_.get(base_url_, "/api/v1/targets", {{"state", "active"}}, kPrometheusQueryTimeout);
    return parse_prometheus_targets(response.body, response.status);
  });
}

std::vector<PromSeries> PrometheusClient::query(const std::string& expr, TimePoint at) const {
  return get_result("/api/v1/query", {{"query", expr}, {"time", unix_seconds(at)}});
}

std::vector<PromSeries> PrometheusClient::raw_samples(const std::string& selector, TimePoint start,
                                                      TimePoint end) const {
  // An instant query of a range selector returns the stored samples themselves. The range
  // is widened by 1 ms on the left (Prometheus 3 makes it left-open) and trimmed below.
  std::map<Labels, PromSeries> merged;
  for (auto slice_end = end; slice_end > start;) {
    const auto slice_start = std::max(start, slice_end - kRawSlice);
    const auto range_ms = std::chrono::duration_cast<Millis>(slice_end - slice_start).count() + 1;
    const auto expr = fmt::format("{}[{}ms]", selector, range_ms);
    for (auto& s : query(expr, slice_end)) {
      auto& target = merged[s.labels];
      target.labels = s.labels;
      target.samples.insert(target.samples.end(), s.samples.begin(), s.samples.end());
    }
    slice_end = slice_start;
  }
  const double lo = to_unix_seconds(start);
  const double hi = to_unix_seconds(end);
  std::vector<PromSeries> result;
  for (auto& [labels, s] : merged) {
    std::erase_if(s.samples, [&](const PromSample& p) { return p.t < lo || p.t > hi; });
    std::sort(s.samples.begin(), s.samples.end(),
              [](const PromSample& a, const PromSample& b) { return a.t < b.t; });
    s.samples.erase(std::unique(s.samples.begin(), s.samples.end()), s.samples.end());
    result.push_back(std::move(s));
  }
  return result;
}

}  // namespace unbroken
