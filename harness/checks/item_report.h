// ItemReport: the lost / incomplete / duplicated / unexpected items an item-by-item check
// found, each attributed to a fault window or not, rendered as bounded evidence (counts in
// full, the first items listed with their seq, id, send time and window).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/checks/fault_window.h"
#include "harness/checks/loss_attribution.h"

namespace unbroken {

struct ItemProblem {
  std::string kind;    // "lost", "incomplete", "duplicated", "unexpected"
  std::string item;    // "seq 42 (trace 4bf9…)" or "orders seq 42"
  std::string detail;  // what is wrong
  TimePoint sent_at{};
  std::optional<std::size_t> window;  // the declared window that excuses it
};

class ItemReport {
 public:
  void add(ItemProblem problem) { problems_.push_back(std::move(problem)); }
  // Problems that fail the check: every one not excused by a window the policy accepts.
  std::size_t unexcused(const LossPolicy& policy) const;
  std::size_t count(const std::string& kind) const;
  bool empty() const { return problems_.empty(); }
  nlohmann::json to_json(const std::vector<FaultWindow>& windows, const LossPolicy& policy) const;
  // "3 lost (1 inside fault windows), 1 duplicated (all inside fault windows: excused)", or
  // "nothing missing"
  std::string summary(const LossPolicy& policy) const;

 private:
  bool excused(const ItemProblem& p, const LossPolicy& policy) const;
  std::vector<ItemProblem> problems_;
};

}  // namespace unbroken
