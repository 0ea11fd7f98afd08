#include "harness/checks/item_report.h"

#include <fmt/format.h>

#include "harness/core/time_format.h"

namespace unbroken {
namespace {
constexpr std::size_t kListed = 25;
constexpr const char* kKinds[] = {"lost", "incomplete", "duplicated", "unexpected"};
}  // namespace

bool ItemReport::excused(const ItemProblem& p, const LossPolicy& policy) const {
  // Only losses can be excused by a window; a duplicate or an invented item never is.
  return policy.allow_loss_in_windows && p.window && (p.kind == "lost" || p.kind == "incomplete");
}

std::size_t ItemReport::unexcused(const LossPolicy& policy) const {
  std::size_t n = 0;
  for (const auto& p : problems_) n += excused(p, policy) ? 0 : 1;
  return n;
}

std::size_t ItemReport::count(const std::string& kind) const {
  std::size_t n = 0;
  for (const auto& p : problems_) n += p.kind == kind ? 1 : 0;
  return n;
}

nlohmann::json ItemReport::to_json(const std::vector<FaultWindow>& windows,
                                   const LossPolicy& policy) const {
  nlohmann::json out = nlohmann::json::object();
  for (const char* kind : kKinds) {
    nlohmann::json listed = nlohmann::json::array();
    std::size_t total = 0;
    std::size_t outside = 0;
    for (const auto& p : problems_) {
      if (p.kind != kind) continue;
      ++total;
      outside += p.window ? 0 : 1;
      if (listed.size() >= kListed) continue;
      nlohmann::json j{{"item", p.item}, {"detail", p.detail}, {"excused", excused(p, policy)}};
      if (p.sent_at != TimePoint{}) j["sent_at"] = format_rfc3339(p.sent_at);
      j["fault_window"] =
          p.window ? nlohmann::json(windows[*p.window].fault) : nlohmann::json(nullptr);
      listed.push_back(std::move(j));
    }
    out[kind] = {{"count", total}, {"outside_fault_windows", outside}, {"first", listed}};
  }
  return out;
}

std::string ItemReport::summary(const LossPolicy& policy) const {
  std::string text;
  for (const char* kind : kKinds) {
    const auto n = count(kind);
    if (n == 0) continue;
    std::size_t excused_n = 0;
    for (const auto& p : problems_) excused_n += p.kind == kind && excused(p, policy) ? 1 : 0;
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", n, kind);
    if (excused_n == n) {
      text += " (all inside fault windows: excused)";
    } else if (excused_n > 0) {
      text += fmt::format(" ({} inside fault windows)", excused_n);
    }
  }
  return text.empty() ? "nothing missing" : text;
}

}  // namespace unbroken
