#include "harness/checks/counter_total.h"

namespace unbroken {

CounterTotal counter_total(const std::vector<PromSample>& samples) {
  CounterTotal result;
  double completed = 0;  // the sum of the values reached before each reset
  double previous = 0;
  for (const auto& s : samples) {
    if (s.value < previous) {
      completed += previous;
      ++result.resets;
    }
    previous = s.value;
  }
  result.total = completed + previous;
  return result;
}

}  // namespace unbroken
