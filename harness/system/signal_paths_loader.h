// Reads the `signals:` section of a system file: for each signal (spans, logs, metrics,
// alerts) a path per emitter, ending at that signal's backend service. Errors are
// ConfigErrors at file:line:col.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "harness/system/located_yaml.h"
#include "harness/system/signal_paths.h"

namespace unbroken {

// `backends` maps a signal name to the service that stores it; a signal without one may not
// be given paths. `is_hop` says whether a name is a hop of the system (a service, or a
// proxied link); `hops` lists them for the error message.
struct SignalHops {
  std::map<std::string, std::string> backends;
  std::function<bool(const std::string&)> is_hop;
  std::string hops;
};

// An absent section gives every signal its backend and no paths.
SignalPaths load_signal_paths(const Located& section, const SignalHops& system);

}  // namespace unbroken
