// FaultWindow: when a fault was in force, from its injection until its heal acted, as recorded by
// the Runner, and what it acted on. Only a declared window whose effect was verified can
// excuse a loss, and only on an item's path (attribution.h); an undeclared fault is an
// incident.
#pragma once

#include <string>

#include "harness/core/time.h"

namespace unbroken {

struct FaultWindow {
  std::string fault;  // describe() of the fault
  std::string target;
  TimePoint start{};  // inject command issued
  // The heal seen to have acted (verify_effect returned), or, for a heal whose command
  // failed, when it failed: a heal the engine takes 20 s to apply is in force those 20 s.
  TimePoint end{};
  bool declared = true;
  bool verified = false;  // its effect was observed at injection
  // The hop it acted on (signal_paths.h): the target service, or a link such as
  // "faultproxy->jaeger" for a fault on the fault proxy's path. Empty: the target.
  std::string site;

  const std::string& acted_on() const { return site.empty() ? target : site; }
};

}  // namespace unbroken
