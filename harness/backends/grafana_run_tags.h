// How a run names what it writes into Grafana, shared by the writer (GrafanaRunMarks) and
// the check that reads it back (grafana.dashboards). Fault annotations carry the tags
// "unbroken" and "fault" — what the provisioned "unbroken run" dashboard's annotation query
// selects — plus "run:<run id>" and "target:<service>".
#pragma once

#include <string>

namespace unbroken::grafana_tags {

inline constexpr const char* kUnbroken = "unbroken";
inline constexpr const char* kFault = "fault";
inline constexpr const char* kRunStarted = "run-started";

inline std::string run(const std::string& run_id) {
  return "run:" + run_id;
}
inline std::string target(const std::string& service) {
  return "target:" + service;
}
// The run's own copy of the system's run dashboard, saved through the API (not provisioned).
inline std::string run_dashboard_uid(const std::string& run_id) {
  return "unbroken-run-" + run_id;
}

}  // namespace unbroken::grafana_tags
