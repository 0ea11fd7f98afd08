#include "harness/backends/alertmanager_client.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "harness/backends/backend_error.h"
#include "harness/backends/backend_query.h"
#include "harness/core/time_format.h"

namespace unbroken {
namespace {

constexpr Millis kAlertmanagerTimeout{10'000};

TimePoint time_field(const nlohmann::json& silence, const char* key) {
  const auto text = silence.at(key).get<std::string>();
  const auto parsed = parse_rfc3339(text);
  if (!parsed) throw BackendError(fmt::format("{} '{}' is not an RFC 3339 time", key, text));
  return *parsed;
}

Silence read_silence(const nlohmann::json& body) {
  if (!body.is_object()) throw BackendError("a silence is not a JSON object");
  Silence silence{.id = body.at("id").get<std::string>(),
                  .state = body.at("status").at("state").get<std::string>(),
                  .matchers = {},
                  .created_by = body.value("createdBy", ""),
                  .comment = body.value("comment", ""),
                  .starts_at = time_field(body, "startsAt"),
                  .ends_at = time_field(body, "endsAt")};
  for (const auto& m : body.at("matchers")) {
    silence.matchers.push_back({m.at("name").get<std::string>(), m.at("value").get<std::string>(),
                                m.value("isRegex", false), m.value("isEqual", true)});
  }
  return silence;
}

}  // namespace

std::string AlertmanagerClient::create_silence(const std::vector<SilenceMatcher>& matchers,
                                               TimePoint starts_at, TimePoint ends_at,
                                               const std::string& created_by,
                                               const std::string& comment) const {
  nlohmann::json request{{"matchers", nlohmann::json::array()},
                         {"startsAt", format_rfc3339(starts_at)},
                         {"endsAt", format_rfc3339(ends_at)},
                         {"createdBy", created_by},
                         {"comment", comment}};
  for (const auto& m : matchers) {
    request["matchers"].push_back(
        {{"name", m.name}, {"value", m.value}, {"isRegex", m.is_regex}, {"isEqual", m.is_equal}});
  }
  return asking("Alertmanager", "creating a silence", [&] {
    const auto response =
        http_.send("POST", base_url_, "/api/v2/silences", request.dump(), kAlertmanagerTimeout);
    if (response.status != 200) {
      throw BackendError(fmt::format("POST /api/v2/silences answered {}: {}", response.status,
                                     response.body.substr(0, 200)));
    }
    return nlohmann::json::parse(response.body).at("silenceID").get<std::string>();
  });
}

TimePoint AlertmanagerClient::started_at() const {
  return asking("Alertmanager", "its status", [&] {
    const auto response = http_.get(base_url_, "/api/v2/status", {}, kAlertmanagerTimeout);
    if (response.status != 200) {
      throw BackendError(fmt::format("GET /api/v2/status answered {}", response.status));
    }
    return time_field(nlohmann::json::parse(response.body), "uptime");
  });
}

std::optional<Silence> AlertmanagerClient::silence(const std::string& id) const {
  return asking("Alertmanager", fmt::format("silence {}", id), [&]() -> std::optional<Silence> {
    const auto response = http_.get(base_url_, "/api/v2/silence/" + id, {}, kAlertmanagerTimeout);
    if (response.status == 404) return std::nullopt;
    if (response.status != 200) {
      throw BackendError(fmt::format("GET /api/v2/silence/{} answered {}", id, response.status));
    }
    return read_silence(nlohmann::json::parse(response.body));
  });
}

}  // namespace unbroken
