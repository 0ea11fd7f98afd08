// Counter accounting from raw samples, pure for unit tests: how many increments a
// counter's stored samples prove, counting from zero at process start and across resets
// (a sample lower than its predecessor means the process restarted from zero). Increments
// made after the last scrape before a crash are invisible, which is exactly a loss.
#pragma once

#include <vector>

#include "harness/backends/prometheus_response.h"

namespace unbroken {

struct CounterTotal {
  double total = 0;
  int resets = 0;
};

CounterTotal counter_total(const std::vector<PromSample>& samples);

// What a counter gained from one sample to the next: the difference, or after a reset (the
// process restarted) its whole new value.
inline double counter_increase(double before, double after) {
  return after >= before ? after - before : after;
}

}  // namespace unbroken
