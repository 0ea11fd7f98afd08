// Fault: one kind of failure the harness injects into the stack and heals again.
// inject() and heal() act; verify_effect() proves the action took effect, polling with a
// deadline. A fault whose effect cannot be verified makes the run inconclusive, never
// passed. One small class per kind, registered by name in the FaultRegistry.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/backends/http_transport.h"
#include "harness/core/clock.h"
#include "harness/core/param_decl.h"
#include "harness/core/params.h"
#include "harness/runtime/runtime.h"
#include "harness/system/system.h"

namespace unbroken {

enum class FaultPhase { kInjected, kHealed };

struct Effect {
  bool verified = false;
  std::string observation;  // what was seen, e.g. "container exited with status 137"
  TimePoint observed_at{};
};

class Fault {
 public:
  virtual ~Fault() = default;
  // One line for people: "kill prometheus with SIGKILL".
  virtual std::string describe() const = 0;
  // The hop of the system it acts on (checks/signal_paths.h): a service, or a link such as
  // "faultproxy->jaeger". A loss may be excused by it only on a path through that hop.
  virtual std::string acts_on() const = 0;
  // Applies the fault. Throws HarnessError when the action itself failed.
  virtual void inject() = 0;
  // Undoes the fault. Throws HarnessError when the action itself failed.
  virtual void heal() = 0;
  // Polls until the effect of `phase` is observed or `timeout` passes.
  virtual Effect verify_effect(FaultPhase phase, Millis timeout) = 0;
};

// What a scenario says about one fault on its timeline.
struct FaultSpec {
  std::string kind;             // registered name, e.g. "kill"
  std::string target;           // a service of the system (or a proxied path, for proxy faults)
  SourceLocation target_where;  // the `target` value in the scenario file
  Millis at{0};                 // offset from the start of the load
  Millis duration{0};           // healed at `at + duration`
  bool declared = true;         // false: an unannounced incident; its losses are unexpected
  Params params;                // kind-specific parameters
  SourceLocation where;
  // Random choices, drawn from the run's seed before the run (see random_choices.h):
  // `at` in [at, at_latest], `duration` in [duration, duration_longest], `target` one of
  // target_choices. Unset: fixed.
  std::optional<Millis> at_latest;
  std::optional<Millis> duration_longest;
  std::vector<std::string> target_choices;
  // `repeat: every 2m..4m`: again and again until the load ends, each start `every` after the
  // one before (a range: drawn each time), each occurrence with its own draws and window.
  struct Repeat {
    Millis every{0};
    std::optional<Millis> every_longest;
  };
  std::optional<Repeat> repeat;
};

// What a fault may use to act on the stack.
class ConnectionProber;

struct FaultContext {
  Runtime& runtime;
  const Clock& clock;
  const System& system;  // what the faults may act on: services, their ports, proxied paths
  HttpTransport* http = nullptr;            // for faults acting over HTTP (the fault proxy's)
  ConnectionProber* connections = nullptr;  // for measuring proxy toxics through the proxy
};

}  // namespace unbroken
