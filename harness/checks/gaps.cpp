#include "harness/checks/gaps.h"

namespace unbroken {

std::vector<Gap> find_gaps(const std::vector<PromSample>& samples, double from, double to,
                           double max_spacing) {
  std::vector<Gap> gaps;
  double previous = from;
  bool have_previous_sample = false;
  for (const auto& s : samples) {
    if (s.t < from || s.t > to) continue;
    if (s.t - previous > max_spacing) gaps.push_back({previous, s.t, !have_previous_sample, false});
    previous = s.t;
    have_previous_sample = true;
  }
  if (to - previous > max_spacing) gaps.push_back({previous, to, !have_previous_sample, true});
  return gaps;
}

std::vector<GapAttribution> attribute_gaps(const std::vector<Gap>& gaps,
                                           const std::vector<FaultWindow>& windows,
                                           double max_spacing, double recovery_allowance) {
  std::vector<GapAttribution> result;
  for (const auto& gap : gaps) {
    GapAttribution a{gap, std::nullopt};
    for (std::size_t i = 0; i < windows.size() && !a.window; ++i) {
      const auto& w = windows[i];
      if (!w.declared) continue;
      const double earliest = to_unix_seconds(w.start) - max_spacing;
      const double latest = to_unix_seconds(w.end) + recovery_allowance;
      if (!gap.open_start && !gap.open_end && gap.from >= earliest && gap.to <= latest)
        a.window = i;
    }
    result.push_back(a);
  }
  return result;
}

}  // namespace unbroken
