#include "harness/checks/item_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "harness/core/time_format.h"

namespace unbroken {
namespace {
constexpr std::size_t kListed = 25;
constexpr const char* kKinds[] = {"lost", "incomplete", "broken", "duplicated", "unexpected"};

bool excusable(const std::string& kind) {
  return kind == "lost" || kind == "incomplete";
}
}  // namespace

void ItemReport::add(ItemProblem problem) {
  const auto [at, added] = index_.try_emplace({problem.kind, problem.item}, problems_.size());
  if (added) {
    problems_.push_back(std::move(problem));
    return;
  }
  auto& same = problems_[at->second];
  same.detail += "; " + problem.detail;
  if (same.attribution.excused() && !problem.attribution.excused()) {
    same.attribution = std::move(problem.attribution);
  }
}

bool ItemReport::excused(const ItemProblem& p, const LossPolicy& policy) const {
  return policy.allow_loss_in_windows && excusable(p.kind) && p.attribution.excused();
}

std::size_t ItemReport::unexcused(const LossPolicy& policy) const {
  std::size_t n = 0;
  for (const auto& p : problems_) n += excused(p, policy) ? 0 : 1;
  return n;
}

nlohmann::json ItemReport::to_json(const std::vector<FaultWindow>& windows,
                                   const LossPolicy& policy) const {
  nlohmann::json out = nlohmann::json::object();
  for (const char* kind : kKinds) {
    nlohmann::json listed = nlohmann::json::array();
    std::size_t total = 0;
    std::size_t excused_n = 0;
    for (const auto& p : problems_) {
      if (p.kind != kind) continue;
      ++total;
      excused_n += excused(p, policy) ? 1 : 0;
      if (listed.size() >= kListed) continue;
      nlohmann::json j{{"item", p.item}, {"detail", p.detail}, {"excused", excused(p, policy)}};
      if (p.sent_at != TimePoint{}) j["sent_at"] = format_rfc3339(p.sent_at);
      j["path"] = p.attribution.path;
      j["attribution"] = excusable(p.kind) || !p.attribution.excused()
                             ? p.attribution.explain(windows)
                             : "never excused: no fault explains a " + std::string(kind) + " item";
      j["fault_window"] = p.attribution.excused_by
                              ? nlohmann::json(windows[*p.attribution.excused_by].fault)
                              : nlohmann::json(nullptr);
      listed.push_back(std::move(j));
    }
    out[kind] = {{"count", total}, {"excused", excused_n}, {"first", listed}};
  }
  return out;
}

std::string ItemReport::summary(const std::vector<FaultWindow>& windows,
                                const LossPolicy& policy) const {
  std::vector<std::string> parts;
  for (const char* kind : kKinds) {
    std::map<std::string, std::size_t> excused_by;  // window → count
    std::size_t n = 0;
    std::size_t excused_n = 0;
    const ItemProblem* first_unexcused = nullptr;
    for (const auto& p : problems_) {
      if (p.kind != kind) continue;
      ++n;
      if (excused(p, policy)) {
        ++excused_n;
        ++excused_by[windows[*p.attribution.excused_by].fault];
      } else if (!first_unexcused) {
        first_unexcused = &p;
      }
    }
    if (n == 0) continue;
    std::vector<std::string> by;
    for (const auto& [fault, k] : excused_by) by.push_back(fmt::format("{} by {}", k, fault));
    std::string text = fmt::format("{} {}", n, kind);
    if (excused_n == n) {
      text += fmt::format(" (all excused: {})", fmt::join(by, ", "));
    } else {
      const auto why = excusable(kind) && policy.allow_loss_in_windows
                           ? first_unexcused->attribution.explain(windows)
                       : excusable(kind) ? std::string("losses in fault windows are not allowed")
                                         : "never excused";
      text += fmt::format(
          " ({}{} unexpected, e.g. {}: {})",
          excused_n ? fmt::format("{} excused: {}; ", excused_n, fmt::join(by, ", ")) : "",
          n - excused_n, first_unexcused->item, why);
    }
    parts.push_back(std::move(text));
  }
  return parts.empty() ? "nothing missing" : fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace unbroken
