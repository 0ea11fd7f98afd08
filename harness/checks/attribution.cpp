#include "harness/checks/attribution.h"

#include <fmt/format.h>

namespace unbroken {

ParamDecls Reach::parameters() {
  return {{"recover_within", ParamType::kDuration, "15s", false,
           "how long after a heal a loss on the fault's path is still excused, until the path's "
           "first item arrives again"},
          {"buffer_allowance", ParamType::kDuration, "0s", false,
           "how long before an injection a loss is excused (what a killed process had buffered)"}};
}

Reach Reach::from(const Params& params) {
  Reach reach;
  reach.before = params.duration_or("buffer_allowance", reach.before);
  reach.recover_within = params.duration_or("recover_within", reach.recover_within);
  return reach;
}

std::string Attribution::explain(const std::vector<FaultWindow>& windows) const {
  if (excused_by) return fmt::format("excused by {} (on {})", windows[*excused_by].fault, path);
  if (blamed_on) {
    return fmt::format("unexpected: undeclared {} on its path ({})", windows[*blamed_on].fault,
                       path);
  }
  return fmt::format("unexpected: no declared, verified fault on its path ({}) reaches it", path);
}

LossAttributor::LossAttributor(const std::vector<FaultWindow>& windows, Reach reach)
    : windows_(windows), reach_(reach) {}

bool LossAttributor::on_path(std::size_t window, const SignalPath& path) const {
  return path.passes(windows_[window].acted_on());
}

void LossAttributor::arrived(const SignalPath& path, TimePoint sent_at) {
  for (std::size_t i = 0; i < windows_.size(); ++i) {
    if (!on_path(i, path) || sent_at < windows_[i].end) continue;
    const auto key = std::make_pair(i, path.name);
    const auto found = recovered_at_.find(key);
    if (found == recovered_at_.end() || sent_at < found->second) recovered_at_[key] = sent_at;
  }
}

Attribution LossAttributor::attribute(const SignalPath& path, TimePoint from, TimePoint to) const {
  Attribution a{path.name, std::nullopt, std::nullopt};
  for (std::size_t i = 0; i < windows_.size(); ++i) {
    const auto& w = windows_[i];
    if (!on_path(i, path)) continue;
    const auto reach_from = w.start - reach_.before;
    const auto reach_to = w.end + reach_.recover_within;
    if (!w.declared) {
      if (from <= reach_to && to >= reach_from && !a.blamed_on) a.blamed_on = i;
      continue;
    }
    if (!w.verified || a.excused_by) continue;
    const auto recovered = recovered_at_.find({i, path.name});
    const bool after_recovery = recovered != recovered_at_.end() && to >= recovered->second;
    if (from >= reach_from && to <= reach_to && !after_recovery) a.excused_by = i;
  }
  if (a.blamed_on) a.excused_by.reset();
  return a;
}

nlohmann::json LossAttributor::recoveries() const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [key, at] : recovered_at_) {
    const auto& w = windows_[key.first];
    if (!w.declared) continue;
    const auto seconds = to_seconds(std::chrono::duration_cast<Millis>(at - w.end));
    out.push_back({{"fault", w.fault},
                   {"path", key.second},
                   {"seconds_after_heal", seconds},
                   {"bound_seconds", to_seconds(reach_.recover_within)},
                   {"within_bound", at <= w.end + reach_.recover_within}});
  }
  return out;
}

}  // namespace unbroken
