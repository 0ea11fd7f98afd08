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

}  // namespace unbroken
