#include "harness/checks/grafana_available.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/core/duration.h"
#include "harness/core/poll.h"

namespace unbroken {

ParamDecls GrafanaAvailable::parameters() {
  return {{"within", ParamType::kDuration, "30s", false,
           "how soon after a fault on Grafana it must be healthy again"}};
}

GrafanaAvailable::GrafanaAvailable(const CheckSpec& spec, const System& system)
    : grafana_service_(system.backends.grafana->service),
      within_(spec.params.duration_or("within", Millis(30'000))) {}

void GrafanaAvailable::on_fault_healed(const CheckContext& ctx, const std::string& target) {
  if (target != grafana_service_ || ctx.windows.empty()) return;
  const auto& window = ctx.windows.back();
  bool answered = false;  // some probe got an answer, or was refused
  std::string last_no_answer;
  poll_until(
      *ctx.clock, window.end + within_,
      [&] {
        const auto health = ctx.grafana.health();
        if (!health.unobserved()) answered = true;
        if (health.status == 0) last_no_answer = health.no_answer;
        if (!health.ok()) return false;
        recovered_after_[window.start] =
            std::chrono::duration_cast<Millis>(ctx.clock->now() - window.end);
        return true;
      },
      Backoff{Millis{100}, Millis{500}, 1.5});
  if (!answered && !recovered_after_.count(window.start)) {
    unobserved_[window.start] =
        fmt::format("{} ({})", last_no_answer, ctx.pressure_now().describe());
  }
}

Verdict GrafanaAvailable::evaluate(const CheckContext& ctx) {
  const auto health = ctx.grafana.health();
  nlohmann::json evidence{{"within_ms", within_.count()},
                          {"health_status", health.status},
                          {"database", health.database},
                          {"faults", nlohmann::json::array()}};
  std::vector<std::string> problems;    // evidence against Grafana
  std::vector<std::string> unobserved;  // probes that got no answer: no evidence
  std::vector<std::string> recoveries;
  for (const auto& w : ctx.windows) {
    if (w.target != grafana_service_) continue;
    const auto it = recovered_after_.find(w.start);
    const bool recovered = it != recovered_after_.end();
    evidence["faults"].push_back(
        {{"fault", w.fault},
         {"recovered_after_ms",
          recovered ? nlohmann::json(it->second.count()) : nlohmann::json(nullptr)}});
    if (recovered) {
      recoveries.push_back(
          fmt::format("healthy {} after '{}' was healed", format_duration(it->second), w.fault));
    } else if (const auto none = unobserved_.find(w.start); none != unobserved_.end()) {
      unobserved.push_back(
          fmt::format("no probe of /api/health got an answer within {} after "
                      "'{}' was healed: {}",
                      format_duration(within_), w.fault, none->second));
    } else {
      problems.push_back(fmt::format("Grafana was not healthy within {} after '{}' was healed",
                                     format_duration(within_), w.fault));
    }
  }
  if (health.unobserved()) {
    unobserved.push_back(fmt::format("/api/health gave no answer at the end of the run: {} ({})",
                                     health.no_answer, ctx.pressure_now().describe()));
  } else if (!health.ok()) {
    problems.push_back(
        health.status == 0
            ? fmt::format("Grafana refuses connections at the end of the run: {}", health.no_answer)
            : fmt::format("Grafana's /api/health answers {} with database '{}'", health.status,
                          health.database));
  }
  if (!problems.empty()) {
    return Verdict::failed(name(), fmt::format("{}", fmt::join(problems, "; ")), evidence);
  }
  if (!unobserved.empty()) {
    return Verdict::inconclusive(
        name(), fmt::format("{}; no answer is no evidence either way", fmt::join(unobserved, "; ")),
        evidence);
  }
  std::string summary = "Grafana is healthy";
  for (const auto& r : recoveries) summary += "; " + r;
  if (recoveries.empty()) summary += "; no fault targeted Grafana";
  return Verdict::passed(name(), summary, evidence);
}

}  // namespace unbroken
