// fault_spec_for: a FaultSpec as a scenario file at s.yaml:7 would give it, for the fault
// unit tests.
#pragma once

#include <map>
#include <string>

#include "harness/faults/fault.h"

namespace unbroken::testing {

inline FaultSpec fault_spec_for(const std::string& kind, const std::string& target,
                                const std::map<std::string, std::string>& params = {}) {
  FaultSpec spec;
  spec.kind = kind;
  spec.target = target;
  spec.at = Millis(10'000);
  spec.duration = Millis(10'000);
  spec.params = Params(SourceLocation{"s.yaml", 7, 5});
  spec.where = SourceLocation{"s.yaml", 7, 5};
  for (const auto& [k, v] : params) spec.params.set(k, {v, SourceLocation{"s.yaml", 8, 12}});
  return spec;
}

}  // namespace unbroken::testing
