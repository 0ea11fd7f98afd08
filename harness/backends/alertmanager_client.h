// AlertmanagerClient: the typed client for Alertmanager's v2 API (silences, status). The same calls
// work against prom/alertmanager and Debian's alertmanager in the offline image. Throws
// TransportError when Alertmanager does not answer and BackendError when it answers with an
// unexpected status or body.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/backends/http_transport.h"
#include "harness/core/time.h"

namespace unbroken {

// One matcher of a silence: name="value" (name=~"value" when a regex; != or !~ when not equal).
struct SilenceMatcher {
  std::string name;
  std::string value;
  bool is_regex = false;
  bool is_equal = true;
  bool operator==(const SilenceMatcher&) const = default;
};

struct Silence {
  std::string id;
  std::string state;  // "active", "pending" or "expired"
  std::vector<SilenceMatcher> matchers;
  std::string created_by;
  std::string comment;
  TimePoint starts_at{};
  TimePoint ends_at{};
};

class AlertmanagerClient {
 public:
  AlertmanagerClient(HttpTransport& http, std::string base_url)
      : http_(http), base_url_(std::move(base_url)) {}

  // POST /api/v2/silences: creates a silence of `matchers` from `starts_at` until `ends_at`;
  // returns its id.
  std::string create_silence(const std::vector<SilenceMatcher>& matchers, TimePoint starts_at,
                             TimePoint ends_at, const std::string& created_by,
                             const std::string& comment) const;
  // GET /api/v2/status: when this Alertmanager process started (its `uptime` field), which
  // tells a restart apart from a process that ran on.
  TimePoint started_at() const;
  // GET /api/v2/silence/{id}: the silence, or nullopt when Alertmanager knows no such id (404).
  std::optional<Silence> silence(const std::string& id) const;

 private:
  HttpTransport& http_;
  std::string base_url_;
};

}  // namespace unbroken
