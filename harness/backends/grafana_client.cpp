#include "harness/backends/grafana_client.h"

#include <fmt/format.h>
#include <httplib.h>

#include "harness/backends/backend_error.h"
#include "harness/backends/backend_query.h"

namespace unbroken {
namespace {

constexpr Millis kGrafanaTimeout{10'000};

nlohmann::json parse(const std::string& what, const HttpResponse& response) {
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded()) {
    throw BackendError(fmt::format("{} answered {} with a body that is not JSON: {:.200}", what,
                                   response.status, response.body));
  }
  return body;
}

std::string message_of(const nlohmann::json& body) {
  return body.is_object() ? body.value("message", "") : std::string();
}

// The JSON body of a 200 answer to `what` ("GET /api/search"); anything else throws.
nlohmann::json ok_body(const std::string& what, const HttpResponse& response) {
  auto body = parse(what, response);
  if (response.status != 200) {
    throw BackendError(fmt::format("{} answered {}: {}", what, response.status, message_of(body)));
  }
  return body;
}

}  // namespace

GrafanaClient::GrafanaClient(HttpTransport& http, std::string base_url,
                             GrafanaCredentials credentials)
    : http_(http), base_url_(std::move(base_url)), credentials_(std::move(credentials)) {}

RequestHeaders GrafanaClient::auth_headers() const {
  const auto header =
      httplib::make_basic_authentication_header(credentials_.user, credentials_.password);
  return {{header.first, header.second}};
}

nlohmann::json GrafanaClient::get_json(const std::string& path, const QueryParams& params) const {
  return ok_body("GET " + path,
                 http_.get(base_url_, path, params, auth_headers(), kGrafanaTimeout));
}

nlohmann::json GrafanaClient::post_json(const std::string& path,
                                        const nlohmann::json& request) const {
  return ok_body("POST " + path, http_.send("POST", base_url_, path, request.dump(), auth_headers(),
                                            kGrafanaTimeout));
}

GrafanaHealth GrafanaClient::health() const {
  try {
    const auto response = http_.get(base_url_, "/api/health", {}, kGrafanaTimeout);
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    return {response.status,
            body.is_object() ? body.value("database", std::string()) : std::string()};
  } catch (const TransportError& e) {
    return {.status = 0, .database = {}, .no_answer = e.what(), .refused = !e.maybe_delivered()};
  }
}

std::vector<GrafanaDatasource> GrafanaClient::datasources() const {
  return asking("Grafana", "its datasources", [&] {
    const auto body = get_json("/api/datasources", {});
    if (!body.is_array()) throw BackendError("GET /api/datasources is not an array");
    std::vector<GrafanaDatasource> result;
    for (const auto& ds : body) {
      result.push_back({ds.value("uid", ""), ds.value("name", ""), ds.value("type", "")});
    }
    return result;
  });
}

GrafanaDatasourceHealth GrafanaClient::datasource_health(const std::string& uid) const {
  return asking("Grafana", "the health of datasource " + uid, [&] {
    const auto path = fmt::format("/api/datasources/uid/{}/health", uid);
    const auto response = http_.get(base_url_, path, {}, auth_headers(), kGrafanaTimeout);
    const auto body = parse("GET " + path, response);
    const bool ok = response.status == 200 && body.is_object() && body.value("status", "") == "OK";
    return GrafanaDatasourceHealth{ok, fmt::format("{} ({})", message_of(body), response.status)};
  });
}

std::vector<GrafanaDashboardHit> GrafanaClient::search_dashboards() const {
  return asking("Grafana", "a dashboard search", [&] {
    const auto body = get_json("/api/search", {{"type", "dash-db"}, {"limit", "5000"}});
    if (!body.is_array()) throw BackendError("GET /api/search is not an array");
    std::vector<GrafanaDashboardHit> result;
    for (const auto& hit : body) result.push_back({hit.value("uid", ""), hit.value("title", "")});
    return result;
  });
}

std::optional<nlohmann::json> GrafanaClient::dashboard(const std::string& uid) const {
  return asking("Grafana", "dashboard " + uid, [&]() -> std::optional<nlohmann::json> {
    const auto path = "/api/dashboards/uid/" + uid;
    const auto response = http_.get(base_url_, path, {}, auth_headers(), kGrafanaTimeout);
    if (response.status == 404) return std::nullopt;
    const auto body = ok_body("GET " + path, response);
    if (!body.is_object() || !body.contains("dashboard")) {
      throw BackendError(fmt::format("GET {} has no 'dashboard' in its answer", path));
    }
    return body["dashboard"];
  });
}

std::string GrafanaClient::save_dashboard(const nlohmann::json& dashboard) const {
  return asking("Grafana", "saving a dashboard", [&] {
    const auto body =
        post_json("/api/dashboards/db", {{"dashboard", dashboard}, {"overwrite", true}});
    return body.value("uid", "");
  });
}

std::int64_t GrafanaClient::add_annotation(const GrafanaAnnotation& a) const {
  nlohmann::json request{
      {"time", a.time_ms}, {"timeEnd", a.time_end_ms}, {"tags", a.tags}, {"text", a.text}};
  if (!a.dashboard_uid.empty()) request["dashboardUID"] = a.dashboard_uid;
  return asking("Grafana", "adding an annotation", [&] {
    return post_json("/api/annotations", request).value("id", std::int64_t{0});
  });
}

std::vector<GrafanaAnnotation> GrafanaClient::annotations(const GrafanaAnnotationQuery& q) const {
  QueryParams params{{"from", std::to_string(q.from_ms)},
                     {"to", std::to_string(q.to_ms)},
                     {"limit", std::to_string(q.limit)},
                     {"type", "annotation"}};
  for (const auto& tag : q.tags) params.emplace("tags", tag);
  if (q.match_any) params.emplace("matchAny", "true");
  return asking("Grafana", "its annotations", [&] { return read_annotations(params); });
}

std::vector<GrafanaAnnotation> GrafanaClient::read_annotations(const QueryParams& params) const {
  const auto body = get_json("/api/annotations", params);
  if (!body.is_array()) throw BackendError("GET /api/annotations is not an array");
  std::vector<GrafanaAnnotation> result;
  for (const auto& a : body) {
    GrafanaAnnotation annotation;
    annotation.id = a.value("id", std::int64_t{0});
    annotation.dashboard_uid = a.value("dashboardUID", "");
    annotation.time_ms = a.value("time", std::int64_t{0});
    annotation.time_end_ms = a.value("timeEnd", annotation.time_ms);
    if (a.contains("tags") && a["tags"].is_array()) {
      for (const auto& t : a["tags"]) annotation.tags.push_back(t.get<std::string>());
    }
    annotation.text = a.value("text", "");
    result.push_back(std::move(annotation));
  }
  return result;
}

}  // namespace unbroken
