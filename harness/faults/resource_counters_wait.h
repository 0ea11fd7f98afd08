// Waiting for the kernel's counters of a container to show a resource fault's effect —
// the proof shared by cpu_throttle (throttled CFS periods) and memory_pressure (limit
// hits): polls Runtime::resource_counters until `shown` holds for a reading or `timeout`
// passes. Counters the engine cannot give never count as shown; the effect then says why.
#pragma once

#include <functional>
#include <string>

#include "harness/faults/fault.h"

namespace unbroken {

struct CounterWait {
  bool shown = false;
  ResourceCounters last;  // the last reading (its `unavailable` says why when unread)
};

CounterWait await_counters(FaultContext& context, const std::string& target,
                           const std::function<bool(const ResourceCounters&)>& shown,
                           Millis timeout);

}  // namespace unbroken
