#include "harness/checks/traces_seen_complete.h"

#include <algorithm>
#include <iterator>

namespace unbroken {

void TracesSeenComplete::looked_up(std::uint64_t end, TimePoint at,
                                   const std::vector<std::uint64_t>& complete) {
  if (end <= looked_up_to()) return;
  complete_.resize(end);
  for (const auto seq : complete) {
    if (seq < end && !complete_[seq]) {
      complete_[seq] = true;
      ++count_;
    }
  }
  lookups_.push_back({end, at});
}

std::optional<TimePoint> TracesSeenComplete::seen_at(std::uint64_t seq) const {
  if (seq >= complete_.size() || !complete_[seq]) return std::nullopt;
  const auto lookup = std::upper_bound(lookups_.begin(), lookups_.end(), seq,
                                       [](std::uint64_t s, const Lookup& l) { return s < l.end; });
  return lookup->at;
}

std::vector<std::uint64_t> TracesSeenComplete::sample(std::size_t n, TimePoint looked_after) const {
  // Looks are in time order: the marks that count begin where the first later look does.
  const auto later = std::find_if(lookups_.begin(), lookups_.end(),
                                  [&](const Lookup& l) { return l.at > looked_after; });
  if (later == lookups_.end() || n == 0) return {};
  const std::uint64_t from = later == lookups_.begin() ? 0 : std::prev(later)->end;
  const auto marks = static_cast<std::size_t>(
      std::count(complete_.begin() + static_cast<std::ptrdiff_t>(from), complete_.end(), true));
  std::vector<std::uint64_t> seen;
  if (marks == 0) return seen;
  // Taken at n evenly spaced ranks among the marks, so the first and the last are in.
  const auto last_rank = marks - 1;
  std::size_t rank = 0;
  for (auto seq = from; seq < complete_.size() && seen.size() < n; ++seq) {
    if (!complete_[seq]) continue;
    const auto wanted = n == 1 ? 0 : seen.size() * last_rank / (n - 1);
    if (rank >= wanted) seen.push_back(seq);
    ++rank;
  }
  return seen;
}

}  // namespace unbroken
