// PrometheusClient: the typed client for the Prometheus HTTP API that the checks use.
// It hides the API's quirks (string values, lookback filling gaps, the 11,000-point cap)
// and returns domain types. Throws TransportError / BackendError on infrastructure trouble.
#pragma once

#include <string>
#include <vector>

#include "harness/backends/http_transport.h"
#include "harness/backends/prometheus_response.h"
#include "harness/core/time.h"

namespace unbroken {

class PrometheusClient {
 public:
  PrometheusClient(HttpTransport& http, std::string base_url);

  // Instant query at `at`.
  std::vector<PromSeries> query(const std::string& expr, TimePoint at) const;
  // Every raw sample of `selector` with a timestamp in [start, end], exactly as stored
  // (no lookback filling, no step resampling). `selector` must be a vector selector.
  std::vector<PromSeries> raw_samples(const std::string& selector, TimePoint start,
                                      TimePoint end) const;

  // The configuration Prometheus is running with, as YAML (/api/v1/status/config).
  std::string loaded_config() const;
  // The names of the alerting rules Prometheus has loaded (GET /api/v1/rules?type=alert).
  std::vector<std::string> alerting_rules() const;
  // The targets Prometheus scrapes now (GET /api/v1/targets?state=active).
  std::vector<PromTarget> active_targets() const;

  const std::string& base_url() const { return base_url_; }

 private:
  std::vector<PromSeries> get_result(const std::string& path, const QueryParams& params) const;

  HttpTransport& http_;
  std::string base_url_;
};

}  // namespace unbroken
