// FaultWindow: when a fault was in force, from its injection to its heal, as recorded by
// the Runner. Only declared windows excuse a loss; an undeclared fault is an incident.
#pragma once

#include <string>

#include "harness/core/time.h"

namespace unbroken {

struct FaultWindow {
  std::string fault;  // describe() of the fault
  std::string target;
  TimePoint start{};  // inject command issued
  TimePoint end{};    // heal command issued
  bool declared = true;
};

}  // namespace unbroken
