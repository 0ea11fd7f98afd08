// GrafanaClient: the typed client for Grafana's HTTP API (legacy /api routes, backends.md
// §5.2) with basic auth as the admin user. The same calls work against grafana/grafana and
// the offline stand-in. Throws TransportError when Grafana does not answer and
// BackendError when it answers with an unexpected status or body.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/backends/http_transport.h"
#include "harness/core/time.h"

namespace unbroken {

// Never written to a report or a log: the runner passes them to compose only.
struct GrafanaCredentials {
  std::string user = "admin";
  std::string password = "admin";
};

struct GrafanaHealth {
  int status = 0;        // HTTP status of GET /api/health; 0: no answer came
  std::string database;  // "ok" when healthy
  // Without an answer: why not, and whether the connection was refused — nothing listens,
  // which is evidence against Grafana — rather than timed out, which is no evidence at all.
  std::string no_answer;
  bool refused = false;
  bool ok() const { return status == 200 && database == "ok"; }
  // A probe that timed out: evidence neither for nor against Grafana.
  bool unobserved() const { return status == 0 && !refused; }
};

struct GrafanaDatasource {
  std::string uid;
  std::string name;
  std::string type;
};

struct GrafanaDatasourceHealth {
  bool ok = false;
  std::string message;
};

struct GrafanaDashboardHit {
  std::string uid;
  std::string title;
};

struct GrafanaAnnotation {
  std::int64_t id = 0;
  std::string dashboard_uid;
  std::int64_t time_ms = 0;      // epoch milliseconds
  std::int64_t time_end_ms = 0;  // equal to time_ms for a point annotation
  std::vector<std::string> tags;
  std::string text;
};

struct GrafanaAnnotationQuery {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
  std::vector<std::string> tags;
  bool match_any = false;
  int limit = 1000;
};

class GrafanaClient {
 public:
  GrafanaClient(HttpTransport& http, std::string base_url, GrafanaCredentials credentials);

  const std::string& base_url() const { return base_url_; }
  // The basic auth header every /api call carries.
  RequestHeaders auth_headers() const;

  GrafanaHealth health() const;  // status 0: never throws TransportError
  std::vector<GrafanaDatasource> datasources() const;
  GrafanaDatasourceHealth datasource_health(const std::string& uid) const;
  std::vector<GrafanaDashboardHit> search_dashboards() const;
  // The dashboard JSON, or nullopt when Grafana answers 404.
  std::optional<nlohmann::json> dashboard(const std::string& uid) const;
  // Saves (creates or overwrites) a dashboard; returns its uid.
  std::string save_dashboard(const nlohmann::json& dashboard) const;
  std::int64_t add_annotation(const GrafanaAnnotation& annotation) const;
  std::vector<GrafanaAnnotation> annotations(const GrafanaAnnotationQuery& query) const;

 private:
  nlohmann::json get_json(const std::string& path, const QueryParams& params) const;
  nlohmann::json post_json(const std::string& path, const nlohmann::json& body) const;
  std::vector<GrafanaAnnotation> read_annotations(const QueryParams& params) const;

  HttpTransport& http_;
  std::string base_url_;
  GrafanaCredentials credentials_;
};

}  // namespace unbroken
