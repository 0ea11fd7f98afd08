#include "harness/reports/report_json.h"

#include "harness/core/time_format.h"
#include "harness/reports/self_observation.h"

namespace unbroken {
namespace {

using nlohmann::json;

json optional_time(const std::optional<TimePoint>& t) {
  return t ? json(format_rfc3339(*t)) : json(nullptr);
}

json effect_json(const Effect& e) {
  return {{"verified", e.verified},
          {"observation", e.observation},
          {"observed_at",
           e.observed_at == TimePoint{} ? json(nullptr) : json(format_rfc3339(e.observed_at))}};
}

json seconds_between(const std::optional<TimePoint>& a, const std::optional<TimePoint>& b) {
  if (!a || !b) return nullptr;
  return std::chrono::duration<double>(*b - *a).count();
}

}  // namespace

json report_json(const RunRecord& r) {
  json doc{
      {"schema_version", kReportSchemaVersion},
      {"run_id", r.run_id},
      {"scenario",
       {{"name", r.scenario_name},
        {"file", std::filesystem::absolute(r.scenario_file).string()},
        {"text", r.scenario_text}}},
      {"seed", r.seed},
      {"random_choices", r.random_choices},
      {"system", {{"name", r.system_name}, {"file", r.system_file.string()}}},
      {"images", r.image_set},
      {"status", r.interrupted ? "interrupted" : std::string(to_string(r.status))},
      {"exit_code", static_cast<int>(r.exit_code)},
      {"started_at", format_rfc3339(r.started)},
      {"finished_at", format_rfc3339(r.finished)},
      {"durations_seconds",
       {{"total", std::chrono::duration<double>(r.finished - r.started).count()},
        {"to_stack_ready", seconds_between(r.started, r.stack_ready)},
        {"warm_up", seconds_between(r.load_started, r.observe_from)},
        {"load", seconds_between(r.load_started, r.load_ended)},
        {"settle_and_verify", seconds_between(r.load_ended, r.finished)}}},
      {"observed_range", {optional_time(r.observe_from), optional_time(r.load_ended)}},
      {"endpoints", r.endpoints},
      {"ledger", r.ledger.to_json()},
      {"load",
       {{"started_at", optional_time(r.load_started)},
        {"max_lateness_ms", r.load.max_lateness.count()},
        {"per_second", to_json(r.load_per_second)}}},
      {"harness",
       {{"version", r.harness_version},
        {"peak_rss_kib", r.peak_rss_kib},
        {"cpu_seconds", r.cpu_seconds}}},
      {"self_observation", self_observation_json(r)},
      {"engine",
       {{"name", r.engine.name}, {"version", r.engine.version}, {"compose", r.engine.compose}}},
      {"services", json::object()},
      {"services_not_started", r.services_not_started},
      {"backends", json::object()},
      {"timeline", json::array()},
      {"faults", json::array()},
      {"fault_windows", json::array()},
      {"verdicts", json::array()},
      {"leftovers", r.leftovers},
      {"grafana_marks", json::array()}};
  for (const auto& [name, image] : r.service_images) {
    doc["services"][name] = {
        {"image", image.image},
        {"image_id", image.image_id},
        {"stand_in_for", image.stand_in_for.empty() ? json() : json(image.stand_in_for)}};
  }
  for (const auto& backend : r.backends) {
    const auto image = r.service_images.find(backend.service);
    const bool known = image != r.service_images.end();
    doc["backends"][backend.role] = {
        {"service", backend.service},
        {"image", known ? json(image->second.image) : json()},
        // null when the service never had a container to look at
        {"stand_in", known ? json(!image->second.stand_in_for.empty()) : json()}};
  }
  for (const auto& m : r.grafana_marks) {
    doc["grafana_marks"].push_back({{"what", m.what},
                                    {"time_ms", m.time_ms},
                                    {"time_end_ms", m.time_end_ms},
                                    {"annotation_id", m.annotation_id},
                                    {"error", m.error}});
  }
  for (const auto& e : r.timeline) {
    doc["timeline"].push_back(
        {{"at", format_rfc3339(e.at)}, {"phase", e.phase}, {"detail", e.detail}});
  }
  for (const auto& f : r.faults) {
    doc["faults"].push_back({{"kind", f.kind},
                             {"target", f.target},
                             {"description", f.description},
                             {"declared", f.declared},
                             {"planned_at_ms", f.planned_at.count()},
                             {"planned_duration_ms", f.planned_duration.count()},
                             {"injected_at", optional_time(f.injected_at)},
                             {"inject_effect", effect_json(f.inject_effect)},
                             {"healed_at", optional_time(f.healed_at)},
                             {"heal_effect", effect_json(f.heal_effect)},
                             {"error", f.error}});
  }
  for (const auto& w : r.windows) {
    doc["fault_windows"].push_back({{"fault", w.fault},
                                    {"target", w.target},
                                    {"start", format_rfc3339(w.start)},
                                    {"end", format_rfc3339(w.end)},
                                    {"declared", w.declared},
                                    {"verified", w.verified},
                                    {"acted_on", w.acted_on()}});
  }
  for (const auto& v : r.verdicts) {
    doc["verdicts"].push_back({{"check", v.check},
                               {"status", to_string(v.status)},
                               {"reason", v.reason},
                               {"seconds", v.seconds},
                               {"evidence", v.evidence}});
  }
  return doc;
}

}  // namespace unbroken
