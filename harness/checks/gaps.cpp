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

std::vector<GapAttribution> attribute_gaps(const std::vector<Gap>& gaps, const SignalPath& path,
                                           const std::vector<FaultWindow>& windows,
                                           double max_spacing, Millis recover_within) {
  const LossAttributor attributor(
      windows, {std::chrono::duration_cast<Millis>(std::chrono::duration<double>(max_spacing)),
                recover_within});
  std::vector<GapAttribution> result;
  for (const auto& gap : gaps) {
    auto a = attributor.attribute(path, from_unix_seconds(gap.from), from_unix_seconds(gap.to));
    if (gap.open_start || gap.open_end) a.excused_by.reset();
    result.push_back({gap, std::move(a)});
  }
  return result;
}

}  // namespace unbroken
