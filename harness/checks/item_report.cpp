#include "harness/checks/item_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <stdexcept>
#include <utility>

#include "harness/core/time_format.h"

namespace unbroken {
namespace {
constexpr std::array<const char*, 5> kKinds = {"lost", "incomplete", "broken", "duplicated",
                                               "unexpected"};

std::size_t kind_index(const std::string& kind) {
  for (std::size_t i = 0; i < kKinds.size(); ++i) {
    if (kind == kKinds[i]) return i;
  }
  throw std::invalid_argument("ItemReport: unknown problem kind '" + kind + "'");
}

bool excusable(std::size_t kind) {
  return kind == 0 || kind == 1;  // lost, incomplete
}
}  // namespace

void ItemReport::add(ItemProblem problem) {
  auto& tally = tallies_[kind_index(problem.kind)];
  if (last_ && last_->kind == problem.kind && last_->item == problem.item) {
    join_last(tally, std::move(problem));
    return;
  }
  ++tally.items;
  if (const auto window = problem.attribution.excused_by) {
    ++tally.attributed;
    ++tally.by_window[*window];
  } else if (!tally.first_unattributed) {
    tally.first_unattributed = problem;
  }
  if (tally.first.size() < kListed) tally.first.push_back(problem);
  last_ = std::move(problem);
}

void ItemReport::join_last(Tally& tally, ItemProblem problem) {
  auto& last = *last_;
  last.detail += "; " + problem.detail;
  if (last.attribution.excused() && !problem.attribution.excused()) {
    --tally.attributed;
    const auto window = tally.by_window.find(*last.attribution.excused_by);
    if (--window->second == 0) tally.by_window.erase(window);
    last.attribution = std::move(problem.attribution);
    if (!tally.first_unattributed) tally.first_unattributed = last;
  }
  if (tally.first_unattributed && tally.first_unattributed->item == last.item)
    tally.first_unattributed = last;
  if (!tally.first.empty() && tally.first.back().item == last.item) tally.first.back() = last;
}

std::size_t ItemReport::excused_items(const Tally& tally, std::size_t kind,
                                      const LossPolicy& policy) {
  return policy.allow_loss_in_windows && excusable(kind) ? tally.attributed : 0;
}

bool ItemReport::empty() const {
  for (const auto& tally : tallies_) {
    if (tally.items > 0) return false;
  }
  return true;
}

std::size_t ItemReport::unexcused(const LossPolicy& policy) const {
  std::size_t n = 0;
  for (std::size_t kind = 0; kind < kKinds.size(); ++kind)
    n += tallies_[kind].items - excused_items(tallies_[kind], kind, policy);
  return n;
}

nlohmann::json ItemReport::to_json(const std::vector<FaultWindow>& windows,
                                   const LossPolicy& policy) const {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t kind = 0; kind < kKinds.size(); ++kind) {
    const auto& tally = tallies_[kind];
    const bool may_excuse = policy.allow_loss_in_windows && excusable(kind);
    nlohmann::json listed = nlohmann::json::array();
    for (const auto& p : tally.first) {
      const bool excused = may_excuse && p.attribution.excused();
      nlohmann::json j{{"item", p.item}, {"detail", p.detail}, {"excused", excused}};
      if (p.sent_at != TimePoint{}) j["sent_at"] = format_rfc3339(p.sent_at);
      j["path"] = p.attribution.path;
      j["attribution"] =
          excusable(kind) || !p.attribution.excused()
              ? p.attribution.explain(windows)
              : fmt::format("never excused: no fault explains a {} item", kKinds[kind]);
      j["fault_window"] = p.attribution.excused_by
                              ? nlohmann::json(windows[*p.attribution.excused_by].fault)
                              : nlohmann::json(nullptr);
      listed.push_back(std::move(j));
    }
    out[kKinds[kind]] = {
        {"count", tally.items}, {"excused", excused_items(tally, kind, policy)}, {"first", listed}};
  }
  return out;
}

std::string ItemReport::summary(const std::vector<FaultWindow>& windows,
                                const LossPolicy& policy) const {
  std::vector<std::string> parts;
  for (std::size_t kind = 0; kind < kKinds.size(); ++kind) {
    const auto& tally = tallies_[kind];
    if (tally.items == 0) continue;
    const auto excused_n = excused_items(tally, kind, policy);
    std::vector<std::string> by;
    if (excused_n > 0) {
      std::map<std::string, std::size_t> by_fault;  // two windows may share a fault's name
      for (const auto& [window, n] : tally.by_window) by_fault[windows[window].fault] += n;
      for (const auto& [fault, n] : by_fault) by.push_back(fmt::format("{} by {}", n, fault));
    }
    std::string text = fmt::format("{} {}", tally.items, kKinds[kind]);
    if (excused_n == tally.items) {
      text += fmt::format(" (all excused: {})", fmt::join(by, ", "));
    } else {
      const auto& example = excused_n > 0 ? *tally.first_unattributed : tally.first.front();
      const auto why = !excusable(kind)               ? std::string("never excused")
                       : policy.allow_loss_in_windows ? example.attribution.explain(windows)
                                                      : "losses in fault windows are not allowed";
      text += fmt::format(
          " ({}{} unexpected, e.g. {}: {})",
          excused_n ? fmt::format("{} excused: {}; ", excused_n, fmt::join(by, ", ")) : "",
          tally.items - excused_n, example.item, why);
    }
    parts.push_back(std::move(text));
  }
  return parts.empty() ? "nothing missing" : fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace unbroken
