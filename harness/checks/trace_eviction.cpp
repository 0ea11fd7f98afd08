#include "harness/checks/trace_eviction.h"

#include <fmt/format.h>

#include <algorithm>

namespace unbroken {

TraceEviction TraceEviction::seen_in(const std::vector<std::uint32_t>& lost_indices,
                                     std::size_t judged) {
  TraceEviction e;
  e.lost = lost_indices.size();
  e.judged = judged;
  e.among_oldest = static_cast<std::size_t>(
      std::lower_bound(lost_indices.begin(), lost_indices.end(), e.lost) - lost_indices.begin());
  return e;
}

bool TraceEviction::seen() const {
  return lost >= kMinLost && lost < judged && among_oldest * 100 >= lost * 99;
}

nlohmann::json TraceEviction::to_json() const {
  return {{"lost", lost},
          {"lost_among_the_oldest", among_oldest},
          {"judged", judged},
          {"oldest_first", seen()}};
}

std::string TraceEviction::reason_suffix() const {
  if (!seen()) return "";
  const auto which = among_oldest == lost
                         ? fmt::format("the {} lost traces are", lost)
                         : fmt::format("{} of the {} lost traces are", among_oldest, lost);
  return fmt::format(
      "; {} the oldest of {} judged and every later one arrived: the mark of a trace store "
      "evicting its oldest when full (Jaeger's memory store keeps max_traces, 100000 in the "
      "all-in-one configuration), not of a fault",
      which, judged);
}

}  // namespace unbroken
