// ItemReport: the problems an item-by-item check found, each with its attribution
// (attribution.h), rendered as bounded evidence (counts in full, the first items listed with
// their send time and what excused them or why nothing did).
// Kinds: "lost" and "incomplete" (parts missing) may be excused by a declared fault on the
// item's path; "broken" (a wrong parent link, a wrong trace id), "duplicated" and
// "unexpected" (an item nobody asked for) are never excused: no fault explains them.
// The report counts items, not reasons: a second problem of the same kind for the same item
// joins the first (its detail appended), and the item is excused only if every reason is.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "harness/checks/attribution.h"
#include "harness/checks/fault_window.h"
#include "harness/checks/loss_attribution.h"

namespace unbroken {

struct ItemProblem {
  std::string kind;    // "lost", "incomplete", "broken", "duplicated", "unexpected"
  std::string item;    // "seq 42 (trace 4bf9…)" or "orders seq 42"
  std::string detail;  // what is wrong
  TimePoint sent_at{};
  Attribution attribution;
};

class ItemReport {
 public:
  void add(ItemProblem problem);
  // Problems that fail the check: every one not excused under the policy.
  std::size_t unexcused(const LossPolicy& policy) const;
  bool empty() const { return problems_.empty(); }
  nlohmann::json to_json(const std::vector<FaultWindow>& windows, const LossPolicy& policy) const;
  // "3 lost (1 excused by kill orders with SIGKILL; 2 unexpected, e.g. orders seq 9:
  // unexpected: no declared, verified fault on its path (logs of orders) reaches it),
  // 1 duplicated", or "nothing missing"
  std::string summary(const std::vector<FaultWindow>& windows, const LossPolicy& policy) const;

 private:
  bool excused(const ItemProblem& p, const LossPolicy& policy) const;
  std::vector<ItemProblem> problems_;
  std::map<std::pair<std::string, std::string>, std::size_t> index_;  // (kind, item) → problem
};

}  // namespace unbroken
