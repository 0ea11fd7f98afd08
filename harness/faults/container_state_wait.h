// Waiting for a container state, the proof of effect shared by the container lifecycle
// faults (kill, stop, pause): polls the Runtime until `wanted` holds or `timeout` passes
// and describes what was last seen.
#pragma once

#include <functional>
#include <string>

#include "harness/faults/fault.h"

namespace unbroken {

Effect await_container_state(FaultContext& context, const std::string& target,
                             const std::function<bool(const ServiceState&)>& wanted,
                             const std::string& expectation, Millis timeout);

// The effect of a fault that takes a container down and brings it back (kill, stop):
// not running once injected, running once healed.
Effect await_down_then_up(FaultContext& context, const std::string& target, FaultPhase phase,
                          Millis timeout);

}  // namespace unbroken
