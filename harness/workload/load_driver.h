// LoadDriver: open-loop load at a fixed rate, each request made from one of the plan's
// templates (request_template.h). Request i is due at start + i/rate whatever
// happened to earlier requests (a slow or dead workload does not slow the schedule), and
// the run is bounded: exactly rate × duration requests are planned. Each request starts
// its own trace (traceparent with the ledger's trace id, baggage unbroken.seq=<seq>), and
// every outcome goes to the RequestLedger.
// Sends go through a pool of workers, each with its own keep-alive connection. A due
// request goes to the worker idle most recently, so the fewest connections carry the load
// and none idles long enough for the server to close it under a send. When every worker
// waits on a slow answer (a hung service during a fault), the pool grows by one worker for
// the due request, up to plan.worker_limit(); only past that do due requests queue and
// leave late. Every send's lateness is measured.
// start/retarget/stop/wait are thread-safe; the destructor stops and joins.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "harness/backends/http_transport.h"
#include "harness/ledger/request_ledger.h"
#include "harness/workload/lateness_histogram.h"
#include "harness/workload/request_template.h"

namespace unbroken {

struct LoadPlan {
  double rate_per_s = 50;
  Millis duration{30'000};
  // What to send: one template per kind of request (request_template.h). A scenario that
  // gives none sends GETs to `path`, or to its system's `load.path`.
  std::vector<RequestTemplate> requests;
  std::string path;
  std::vector<int> success_statuses{200};  // what counts as succeeded; others are rejected
  Millis request_timeout{2'000};
  int workers = 32;  // threads started with the load, each with its own keep-alive connection
  // The pool grows while every worker waits on an answer, up to this many threads (and so
  // connections); 0 means enough for every due request to find a worker even when each one
  // waits out request_timeout (rate × timeout + 1). Either way within kMaxDriverWorkers.
  // A system that serves a connection per thread states its bound (its load.max_connections):
  // past it, a stall would leave the driver's extra connections queued unserved until they
  // time out, each timeout opening another, and the service would never catch up.
  int max_workers = 0;

  std::uint64_t total_requests() const;
  // The pool's bound: max_workers, or the derived figure, within kMaxDriverWorkers; never
  // below `workers`.
  int worker_limit() const;
};

// The most threads the driver holds, whatever the plan: past this, due requests wait for a
// worker and leave late, and the lateness is measured and judged (load_evidence.h).
inline constexpr int kMaxDriverWorkers = 2048;

// The most a scenario may plan, refused at load time with these bounds named. The ledger
// spills its records to the run directory past kResidentRecords, but verification still
// holds a few bytes per request (request_ledger.h).
inline constexpr std::uint64_t kMaxPlannedRequests = 1'000'000;
inline constexpr Millis kMaxLoadDuration{24LL * 3600 * 1000};

// A request sent more than this behind its due time was not sent when the scenario said.
inline constexpr Millis kLateSendBound{1'000};
static_assert(std::ranges::find(kLatenessBounds, Micros(kLateSendBound)) != kLatenessBounds.end(),
              "late sends are counted from a bucket bound of the lateness histogram");

struct LoadStats {
  Millis max_lateness{0};      // how far behind schedule the worst send was
  LatenessHistogram lateness;  // every send's lateness

  std::uint64_t sends() const { return lateness.count(); }
  std::uint64_t late_sends() const { return lateness.later_than(kLateSendBound); }
};

class LoadDriver {
 public:
  LoadDriver(HttpTransport& http, RequestLedger& ledger);
  ~LoadDriver();
  LoadDriver(const LoadDriver&) = delete;
  LoadDriver& operator=(const LoadDriver&) = delete;

  // Throws std::invalid_argument for a plan without templates.
  void start(const std::string& base_url, const LoadPlan& plan);
  // Sends the following requests to `base_url` (a restarted workload may have a new port).
  void retarget(const std::string& base_url);
  // Stops scheduling; requests in flight finish. Idempotent.
  void stop();
  // Blocks until every scheduled request has an outcome, then returns the stats.
  LoadStats wait();

 private:
  struct Scheduled {
    std::uint64_t seq = 0;
    std::chrono::steady_clock::time_point due;
  };
  // One thread and what it was handed (job and quit are guarded by mutex_).
  struct Worker {
    std::thread thread;
    std::condition_variable wake;
    std::optional<Scheduled> job;
    bool quit = false;
  };
  void schedule();
  // Hands `due` to the worker idle most recently, else to a new worker while the pool is
  // below its limit, else queues it. Called with mutex_ held.
  void dispatch(const Scheduled& due);
  // Starts a worker thread, holding `job` when it has one. Called with mutex_ held.
  void add_worker(std::optional<Scheduled> job);
  void work(Worker& self);
  // Records how far behind its due time `job` starts. Called with mutex_ held.
  void record_lateness(const Scheduled& job);
  void send(std::uint64_t seq);
  std::string target() const;

  HttpTransport& http_;
  RequestLedger& ledger_;
  LoadPlan plan_;
  std::optional<TemplateSchedule> templates_;

  mutable std::mutex mutex_;
  std::condition_variable schedule_wake_;
  std::deque<Scheduled> queue_;  // due while every worker is busy
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<Worker*> idle_;  // most recently idle last
  std::uint64_t first_seq_ = 0;
  std::string base_url_;
  bool stopping_ = false;
  bool scheduling_done_ = false;
  LoadStats stats_;

  std::thread scheduler_;
};

}  // namespace unbroken
