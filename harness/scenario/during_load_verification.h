// DuringLoadVerification: lets the checks that can (Check::verifies_during_load) do part of
// their work while the load still runs, so that less is left after it. About once a second,
// on its own thread, each is handed what had been sent kDuringLoadHorizon earlier (check.h).
// It stands back while the host is busy (host_holds_back, suite_jobs.h): the harness's reads
// must not take the CPU the system under test needs. It changes no verdict: what the checks
// keep only saves work at evaluate().
// start() and stop() are called from one thread; stop() returns once no call runs and none
// will follow. counts() is thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "harness/backends/http_transport.h"
#include "harness/checks/check.h"
#include "harness/core/clock.h"
#include "harness/core/host_pressure.h"
#include "harness/core/ticker.h"
#include "harness/ledger/request_ledger.h"

namespace unbroken {

// Every period the checks are handed what is ready and work on it for about kDuringLoadWork,
// then wait a period: a share of the host's time, not all of it.
inline constexpr Millis kDuringLoadPeriod{1'000};
inline constexpr Millis kDuringLoadWork{2'000};

// When the checks are called (tests shorten the times and choose the host's pressure).
struct DuringLoadPacing {
  Millis period = kDuringLoadPeriod;
  Millis work = kDuringLoadWork;        // a call's work returns after the step that ends past this
  Millis horizon = kDuringLoadHorizon;  // what had been sent this long ago is handed over
  std::function<HostPressure()> host_pressure = read_host_pressure;
};

// How far verification may fall behind the load, beyond the horizon, before the report
// says so (self_observation.h).
inline constexpr Millis kDuringLoadLagBound{20'000};

// How the calls went, for the report.
struct DuringLoadCounts {
  std::size_t checks = 0;       // checks that verify during the load
  std::uint64_t calls = 0;      // a check was handed requests
  std::uint64_t host_busy = 0;  // periods skipped because the host was busy
  std::uint64_t no_answer = 0;  // calls that got no answer from a backend
  // The first requests every such check had verified when the load ended.
  std::uint64_t requests_verified = 0;
  nlohmann::json to_json() const;
};

class DuringLoadVerification {
 public:
  // Where Jaeger is published now; called on this object's thread.
  using JaegerUrl = std::function<std::string()>;

  DuringLoadVerification(const RequestLedger& ledger, HttpTransport& http, const Clock& clock,
                         DuringLoadPacing pacing = {})
      : ledger_(ledger), http_(http), clock_(clock), pacing_(std::move(pacing)) {}
  ~DuringLoadVerification() { stop(); }
  DuringLoadVerification(const DuringLoadVerification&) = delete;
  DuringLoadVerification& operator=(const DuringLoadVerification&) = delete;

  // Starts calling those of `checks` that verify during the load; nothing when none does.
  void start(const std::vector<Check*>& checks, JaegerUrl jaeger_url);
  void stop();
  DuringLoadCounts counts() const;

 private:
  void period();

  const RequestLedger& ledger_;
  HttpTransport& http_;
  const Clock& clock_;
  DuringLoadPacing pacing_;
  std::vector<Check*> checks_;
  std::vector<std::uint64_t> verified_;  // by check: the first requests it has verified
  JaegerUrl jaeger_url_;
  // (when, how many requests had been sent by then), oldest first, newer than the horizon
  // but for the one at its front.
  std::deque<std::pair<TimePoint, std::uint64_t>> sent_by_;
  mutable std::mutex counts_mutex_;
  DuringLoadCounts counts_;
  Ticker ticker_;  // last: stopped before what it uses
};

}  // namespace unbroken
