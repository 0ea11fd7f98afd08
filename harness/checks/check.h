// Check: one expectation about the data a run left in the backends. Checks read the
// backends through typed clients, compare with the ledger and fault windows, and return a
// Verdict. They never throw because an expectation failed; exceptions mean the check could
// not look. The Runner makes a TransportError (a question that got no answer: no evidence
// either way) an inconclusive verdict naming the host's pressure, and any other exception
// (an answer it cannot read) an errored one.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "harness/backends/alertmanager_client.h"
#include "harness/backends/grafana_client.h"
#include "harness/backends/jaeger_client.h"
#include "harness/backends/loki_client.h"
#include "harness/backends/prometheus_client.h"
#include "harness/backends/webhook_client.h"
#include "harness/checks/fault_window.h"
#include "harness/core/clock.h"
#include "harness/core/host_pressure.h"
#include "harness/core/params.h"
#include "harness/core/verdict.h"
#include "harness/ledger/request_ledger.h"
#include "harness/system/signal_paths.h"

namespace unbroken {

// What a check may know about the run. Rebuilt by the Runner at each call, so the
// backend endpoints are always current (a restarted container gets a new host port).
struct CheckContext {
  PrometheusClient prometheus;
  JaegerClient jaeger;
  LokiClient loki;
  WebhookClient webhook;  // what Alertmanager delivered
  GrafanaClient grafana;
  AlertmanagerClient alertmanager;
  LedgerTotals ledger;
  const RequestLedger* requests =
      nullptr;  // every request and its trace id; set once the load ended
  std::vector<FaultWindow> windows;
  SignalPaths paths;         // the paths each signal takes, for attributing losses
  TimePoint stack_ready{};   // the stack answered its readiness probes
  TimePoint observe_from{};  // warm-up done: the workload's series are being scraped
  TimePoint observe_to{};    // the load ended (equal to `now` before that)
  TimePoint now{};
  Millis scrape_interval{1000};
  // For checks that probe the stack's services themselves (health.semantics).
  HttpTransport* http = nullptr;
  const Clock* clock = nullptr;
  std::function<std::string(const std::string& service)> service_url;  // base URL on 127.0.0.1
  // The base URL on 127.0.0.1 of `port` of `service`, as published; throws when it is not.
  std::function<std::string(const std::string& service, int port)> published_url;
  std::string run_id;  // names what the run wrote into Grafana (grafana_run_tags.h)
  // How busy the machine is now, quoted beside an observation that got no answer; unset:
  // unknown.
  std::function<HostPressure()> host_pressure;

  // How busy the machine is now (unknown when host_pressure is unset).
  HostPressure pressure_now() const { return host_pressure ? host_pressure() : HostPressure{}; }
};

// What a check may use while the load still runs (Check::verify_during_load): Jaeger where
// it was last published (each question bounded by kDuringLoadQueryTimeout), and how many
// requests had been sent kDuringLoadHorizon ago. Those requests' seqs, trace ids and send
// times are known; their outcomes are not (the driver still writes them). A call does its
// work in small steps and returns after the step that ends past `work_until`, so the load's
// end never waits long behind it.
struct DuringLoadContext {
  JaegerClient jaeger;
  const RequestLedger* ledger = nullptr;
  std::uint64_t sent_before_horizon = 0;  // requests [0, this) left the driver that long ago
  TimePoint now{};                        // when the call began
  TimePoint work_until{};
  const Clock* clock = nullptr;
};

inline constexpr Millis kDuringLoadQueryTimeout{2'000};

// How long after a request's send its items are expected in the backends while the load
// runs. Only a matter of efficiency: an item looked for too early is looked for again after
// the load.
inline constexpr Millis kDuringLoadHorizon{10'000};

class Check {
 public:
  virtual ~Check() = default;
  virtual std::string name() const = 0;
  // Called once, just before the first fault is injected. A question that gets no answer
  // here is kept for evaluate() to report (inconclusive), never thrown: a busy backend
  // must not end the run.
  virtual void before_faults(const CheckContext&) {}
  // Called once a fault's injection is verified, and once its heal is verified and the
  // service is ready again: for checks that must watch the stack while a fault is in force.
  // They poll with ctx.clock and must not throw for an unreachable service.
  virtual void on_fault_injected(const CheckContext&, const std::string& /*target*/) {}
  virtual void on_fault_healed(const CheckContext&, const std::string& /*target*/) {}
  // Checks that watch the stack all through the fault timeline say so; the Runner then calls
  // while_running() about every kWatchInterval between injections and heals (building a
  // context costs engine calls, so only for checks that ask). Must not throw for an
  // unreachable service.
  virtual bool watches_continuously() const { return false; }
  virtual void while_running(const CheckContext&) {}
  // Checks that can do part of their work while the load runs say so; the Runner then calls
  // verify_during_load() about once a second during the load, on a thread of its own, while
  // the host is not busy. Never concurrently with settled() or evaluate(), and evaluate()
  // must give the verdict it would have given without these calls (what they leave behind
  // only saves work). Returns how many of the first requests it has verified so far. A
  // TransportError means nothing was done; the next call tries again.
  virtual bool verifies_during_load() const { return false; }
  virtual std::uint64_t verify_during_load(const DuringLoadContext&) { return 0; }
  // Polled while the run settles: true once the backends have caught up enough to judge.
  virtual bool settled(const CheckContext&) { return true; }
  virtual Verdict evaluate(const CheckContext& context) = 0;
};

inline constexpr Millis kWatchInterval{500};

struct CheckSpec {
  std::string name;  // registered name, e.g. "metrics.continuity"
  Params params;
  SourceLocation where;
};

}  // namespace unbroken
