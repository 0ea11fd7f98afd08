// SignalPaths: the paths each signal of a system takes, from the service that emits an item
// to the backend that stores it, as data (a system file's `signals:`; system.h).
// A hop is a service ("orders", "jaeger") or a link a fault can act on alone
// ("faultproxy->jaeger", the fault proxy's path to Jaeger). A fault may excuse the loss of an
// item only when the hop it acts on lies on that item's path (see attribution.h).
// Emitters the model does not know get the signal's backend alone as their path: the
// narrowest claim, so that no fault elsewhere can excuse their losses.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace unbroken {

struct SignalPath {
  std::string name;               // "spans of orders", for people
  std::vector<std::string> hops;  // in the order the item passes them
  bool passes(const std::string& hop) const;
  std::string to_string() const;  // "orders → faultproxy → faultproxy->jaeger → jaeger"
};

// One signal: a path per emitter (a service; for metrics, a Prometheus job) and its backend.
struct SignalRoutes {
  std::string signal;   // "spans", "logs", "metrics", "alerts"
  std::string backend;  // the service that stores the signal
  std::map<std::string, std::vector<std::string>> by_emitter;
  SignalPath path_of(const std::string& emitter) const;
};

struct SignalPaths {
  // Backends are the system's (jaeger, loki, prometheus and notifications roles); "" when
  // the system has none for that signal.
  SignalRoutes spans{"spans", "", {}};
  SignalRoutes logs{"logs", "", {}};
  SignalRoutes metrics{"metrics", "", {}};
  SignalRoutes alerts{"alerts", "", {}};
};

// One path through every hop of `paths`, in order, each hop once: what a whole item made of
// several emitters' parts (a trace) passes.
SignalPath merge_paths(std::string name, const std::vector<SignalPath>& paths);

}  // namespace unbroken
