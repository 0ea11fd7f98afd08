// ItemReport: the problems an item-by-item check found, each with its attribution
// (attribution.h), rendered as bounded evidence (counts in full, the first items listed with
// their send time and what excused them or why nothing did).
// Kinds: "lost" and "incomplete" (parts missing) may be excused by a declared fault on the
// item's path; "broken" (a wrong parent link, a wrong trace id), "duplicated" and
// "unexpected" (an item nobody asked for) are never excused: no fault explains them.
// Memory is bounded whatever the run's length: per kind it keeps running counts (items,
// items a window excused, per window) and only the first kListed items in full, plus the
// first item no window excused.
// The report counts items, not reasons: a problem of the same kind for the same item as
// the one added just before joins it (its detail appended), and the item is excused only
// if every reason is. The caller adds an item's reasons of one kind one after another;
// the same item added again later counts again.
// Thread safety: none; feed and read from one thread.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
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
  static constexpr std::size_t kListed = 25;  // items listed in full per kind

  // Throws std::invalid_argument on a kind not listed above (a harness defect).
  void add(ItemProblem problem);
  // Problems that fail the check: every one not excused under the policy.
  std::size_t unexcused(const LossPolicy& policy) const;
  bool empty() const;
  nlohmann::json to_json(const std::vector<FaultWindow>& windows, const LossPolicy& policy) const;
  // "3 lost (1 excused by kill orders with SIGKILL; 2 unexpected, e.g. orders seq 9:
  // unexpected: no declared, verified fault on its path (logs of orders) reaches it),
  // 1 duplicated", or "nothing missing"
  std::string summary(const std::vector<FaultWindow>& windows, const LossPolicy& policy) const;

 private:
  struct Tally {
    std::size_t items = 0;
    std::size_t attributed = 0;                     // items a window excused, every reason
    std::map<std::size_t, std::size_t> by_window;   // window → such items
    std::vector<ItemProblem> first;                 // the first kListed items, as added
    std::optional<ItemProblem> first_unattributed;  // the first item no window excused
  };
  void join_last(Tally& tally, ItemProblem problem);
  static std::size_t excused_items(const Tally& tally, std::size_t kind, const LossPolicy& policy);

  std::array<Tally, 5> tallies_;     // in the order of the kinds above
  std::optional<ItemProblem> last_;  // the item added last, which a further reason joins
};

}  // namespace unbroken
