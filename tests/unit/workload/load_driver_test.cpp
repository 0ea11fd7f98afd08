#include "harness/workload/load_driver.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "harness/backends/httplib_transport.h"
#include "tests/support/free_port.h"

namespace unbroken {
namespace {

// A real HTTP server on 127.0.0.1 that answers /work with `status`, after `delay`, with a
// thread for each connection it serves at once (`threads`).
class LocalServer {
 public:
  explicit LocalServer(int status, Millis delay = Millis(0), std::size_t threads = 128) {
    server_.Get("/work",
                [this, status, delay](const httplib::Request& req, httplib::Response& res) {
                  std::this_thread::sleep_for(delay);
                  served.fetch_add(1);
                  {
                    std::lock_guard lock(mutex);
                    client_ports.insert(req.remote_port);
                  }
                  res.status = status;
                  res.set_content("ok", "text/plain");
                });
    server_.Post(R"(/orders/(\d+))", [this, status](const httplib::Request& req,
                                                    httplib::Response& res) {
      std::lock_guard lock(mutex);
      posts.push_back(std::string(req.matches[1]) + " " + req.body + " " +
                      req.get_header_value("X-Shop") + " " + req.get_header_value("traceparent"));
      res.status = status == 200 ? 201 : status;
    });
    // A thread for each connection the driver holds, as the reference workload has (not
    // httplib's 8), and each connection kept for the whole test (httplib closes one after 5
    // requests by default), so connections count the workers that sent.
    server_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server_.set_keep_alive_max_count(1'000);
    port_ = server_.bind_to_any_port("127.0.0.1");
    // The socket already listens after bind, so requests queue until the thread accepts.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~LocalServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // How many connections the GETs came over.
  int connections() {
    std::lock_guard lock(mutex);
    return static_cast<int>(client_ports.size());
  }
  std::atomic<int> served{0};
  std::mutex mutex;
  std::vector<std::string> posts;  // "<seq in path> <body> <X-Shop> <traceparent>"
  std::set<int> client_ports;

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

LoadPlan short_plan() {
  LoadPlan plan;
  RequestTemplate get;
  get.path = "/work";
  plan.requests = {get};
  plan.rate_per_s = 200;
  plan.duration = Millis(500);
  // Generous: on a starved machine a local connect has waited past 1 s (accept backlog).
  plan.request_timeout = Millis(5'000);
  return plan;
}

// Drives the short plan at `url` to completion and returns the ledger's totals.
LedgerTotals drive(const std::string& url) {
  HttplibTransport http;
  RequestLedger ledger;
  LoadDriver driver(http, ledger);
  driver.start(url, short_plan());
  driver.wait();
  return ledger.totals();
}

TEST(LoadDriver, SendsExactlyTheBoundedNumberAndLedgersEveryOutcome) {
  LocalServer server(200);
  const auto t = drive(server.url());
  EXPECT_EQ(t.planned, 100u);
  EXPECT_EQ(t.sent, 100u);
  EXPECT_EQ(t.succeeded, 100u);
  EXPECT_TRUE(t.complete());
  EXPECT_EQ(server.served.load(), 100);
}

TEST(LoadDriver, SendsOnScheduleAreNotCountedLate) {
  LocalServer server(200);
  HttplibTransport http;
  RequestLedger ledger;
  LoadDriver driver(http, ledger);
  driver.start(server.url(), short_plan());
  const auto stats = driver.wait();
  EXPECT_EQ(stats.sends(), 100u);
  EXPECT_EQ(stats.late_sends(), 0u);
}

// Three requests due 100 ms apart to a server that answers each after 1.2 s, starting
// with one worker.
LoadPlan slow_answers_plan() {
  auto plan = short_plan();
  plan.rate_per_s = 10;
  plan.duration = Millis(300);
  plan.request_timeout = Millis(3'000);
  plan.workers = 1;
  return plan;
}

TEST(LoadDriver, SendsHeldBackByBusyWorkersAreCountedLatePastTheBound) {
  // The pool may not grow: the second is sent about 1.1 s behind its due time and the
  // third about 2.2 s.
  LocalServer server(200, Millis(1'200));
  HttplibTransport http;
  RequestLedger ledger;
  LoadDriver driver(http, ledger);
  auto plan = slow_answers_plan();
  plan.max_workers = 1;
  driver.start(server.url(), plan);
  const auto stats = driver.wait();
  EXPECT_EQ(stats.sends(), 3u);
  EXPECT_EQ(stats.late_sends(), 2u);
  EXPECT_GT(stats.max_lateness, Millis(2'000));
  EXPECT_EQ(ledger.totals().succeeded, 3u);
}

TEST(LoadDriver, ThePoolGrowsSoSlowAnswersDoNotHoldTheScheduleBack) {
  // The same load with the derived limit (10/s × 3 s + 1 = 31 workers): each request gets
  // a worker of its own when it is due.
  LocalServer server(200, Millis(1'200));
  HttplibTransport http;
  RequestLedger ledger;
  LoadDriver driver(http, ledger);
  const auto plan = slow_answers_plan();
  EXPECT_EQ(plan.worker_limit(), 31);
  driver.start(server.url(), plan);
  const auto stats = driver.wait();
  EXPECT_EQ(stats.sends(), 3u);
  EXPECT_EQ(stats.late_sends(), 0u);
  EXPECT_LT(stats.max_lateness, Millis(1'000));
  EXPECT_EQ(ledger.totals().succeeded, 3u);
}

// Thirty-six requests due 83 ms apart to a server with two threads, each holding its
// keep-alive connection, that answers after 250 ms: three connections are needed at once.
// The load lasts 3 s, so the two served connections stay busy for 2 s past the timeout of
// a request queued behind them early on, even on a host that stalls the driver a while.
LoadPlan more_than_two_connections_plan() {
  auto plan = short_plan();
  plan.rate_per_s = 12;
  plan.duration = Millis(3'000);
  plan.request_timeout = Millis(1'000);
  plan.workers = 1;
  return plan;
}

TEST(LoadDriver, ConnectionsPastWhatAThreadPerConnectionServerServesWaitUnservedAndTimeOut) {
  // The derived limit (13) lets the pool open a third connection; the server queues it
  // behind the two it serves, which the driver keeps busy, so its requests time out.
  LocalServer server(200, Millis(250), 2);
  HttplibTransport http;
  RequestLedger ledger;
  LoadDriver driver(http, ledger);
  driver.start(server.url(), more_than_two_connections_plan());
  driver.wait();
  const auto t = ledger.totals();
  EXPECT_EQ(t.sent, 36u);
  EXPECT_GE(t.unknown, 1u) << "a request on the third connection waited out its timeout";
  EXPECT_LT(t.succeeded, 36u);
}

TEST(LoadDriver, HeldToTheConnectionsTheServerServesEveryRequestIsAnsweredAndTheWaitIsLateness) {
  // The same load within two connections: due requests wait for a free one and leave late.
  LocalServer server(200, Millis(250), 2);
  HttplibTransport http;
  RequestLedger ledger;
  LoadDriver driver(http, ledger);
  auto plan = more_than_two_connections_plan();
  plan.max_workers = 2;
  driver.start(server.url(), plan);
  const auto stats = driver.wait();
  const auto t = ledger.totals();
  EXPECT_EQ(t.succeeded, 36u);
  EXPECT_EQ(t.unknown, 0u);
  EXPECT_LE(server.connections(), 2);
  EXPECT_GT(stats.max_lateness, Millis(250)) << "36 sends over 2 connections take 4.5 s";
}

TEST(LoadPlan, TheWorkerLimitCoversEveryRequestWaitingOutItsTimeoutWithinTheDriversBound) {
  LoadPlan plan;  // 50/s, 2 s, 32 workers
  EXPECT_EQ(plan.worker_limit(), 101);
  plan.rate_per_s = 0.5;
  EXPECT_EQ(plan.worker_limit(), 32) << "never below the workers started";
  plan.rate_per_s = 10'000;
  EXPECT_EQ(plan.worker_limit(), kMaxDriverWorkers);
  plan.max_workers = 64;
  EXPECT_EQ(plan.worker_limit(), 64) << "a stated limit wins";
  plan.max_workers = kMaxDriverWorkers + 1;
  EXPECT_EQ(plan.worker_limit(), kMaxDriverWorkers) << "within the driver's own bound";
}

// While answers are quick, the most recently idle worker takes the next request: a few
// connections carry the load (handing out in turn would use all 32).
TEST(LoadDriver, QuickAnswersAreCarriedByFewConnections) {
  LocalServer server(200);
  HttplibTransport http;
  RequestLedger ledger;
  LoadDriver driver(http, ledger);
  auto plan = short_plan();
  plan.rate_per_s = 100;  // 10 ms apart: room for each answer even on a busy machine
  plan.duration = Millis(1'000);
  driver.start(server.url(), plan);
  driver.wait();
  EXPECT_EQ(ledger.totals().succeeded, 100u);
  EXPECT_LT(server.connections(), 16);
}

TEST(LoadDriver, NonOkAnswersAreRejectedNotSucceeded) {
  LocalServer server(503);
  const auto t = drive(server.url());
  EXPECT_EQ(t.succeeded, 0u);
  EXPECT_EQ(t.rejected, 100u);
  EXPECT_EQ(t.failure_reasons.at("HTTP 503"), 100u);
}

TEST(LoadDriver, ARefusedConnectionIsRejected) {
  const auto t = drive("http://127.0.0.1:" + std::to_string(testing::free_port()));
  EXPECT_EQ(t.sent, 100u);
  EXPECT_EQ(t.rejected, 100u);
  EXPECT_EQ(t.unknown, 0u);
}

TEST(LoadDriver, StopEndsTheScheduleEarly) {
  LocalServer server(200);
  HttplibTransport http;
  RequestLedger ledger;
  LoadDriver driver(http, ledger);
  auto plan = short_plan();
  plan.duration = Millis(60'000);
  driver.start(server.url(), plan);
  driver.stop();
  driver.wait();
  const auto t = ledger.totals();
  EXPECT_LT(t.sent, 100u);
  EXPECT_TRUE(t.complete());
}

// Two templates 3:1 — POST /orders/{seq} (answered 201) and GET /work (answered 200) —
// with `success`: the statuses that count.
LedgerTotals drive_orders(const std::string& url, std::vector<int> success,
                          std::vector<std::string>* ledger_trace_ids = nullptr) {
  auto plan = short_plan();
  RequestTemplate post;
  post.method = "POST";
  post.path = "/orders/{seq}";
  post.body = R"({"order":{seq}})";
  post.headers = {{"X-Shop", "t-{trace_id}"}};
  post.weight = 3;
  plan.requests.insert(plan.requests.begin(), post);
  plan.success_statuses = std::move(success);
  HttplibTransport http;
  RequestLedger ledger;
  LoadDriver driver(http, ledger);
  driver.start(url, plan);
  driver.wait();
  if (ledger_trace_ids) {
    for (const auto& r : ledger.records()) ledger_trace_ids->push_back(ledger.trace_id(r.seq));
  }
  return ledger.totals();
}

TEST(LoadDriver, TemplatesAreSentByWeightWithTheirPlaceholdersFilledAndTheLedgersTrace) {
  LocalServer server(200);
  std::vector<std::string> trace_ids;
  const auto t = drive_orders(server.url(), {200, 201}, &trace_ids);
  EXPECT_EQ(t.succeeded, 100u);
  EXPECT_EQ(server.served.load(), 25);  // 1 in 4 is the GET
  std::lock_guard lock(server.mutex);
  ASSERT_EQ(server.posts.size(), 75u);
  std::sort(server.posts.begin(), server.posts.end());
  // Request seq 0 is a POST (the heavier template goes first): its path, body and header carry
  // its seq and the trace id the ledger holds, and the driver's traceparent continues it.
  const auto zero = std::find_if(server.posts.begin(), server.posts.end(),
                                 [](const std::string& p) { return p.rfind("0 ", 0) == 0; });
  ASSERT_NE(zero, server.posts.end());
  EXPECT_EQ(*zero, "0 {\"order\":0} t-" + trace_ids[0] + " 00-" + trace_ids[0] +
                       zero->substr(zero->size() - 20));
}

TEST(LoadDriver, OnlyTheDeclaredStatusesCountAsSucceeded) {
  LocalServer server(200);
  const auto t = drive_orders(server.url(), {200});  // the POSTs' 201 is not declared
  EXPECT_EQ(t.succeeded, 25u);
  EXPECT_EQ(t.rejected, 75u);
  EXPECT_EQ(t.failure_reasons.at("HTTP 201"), 75u);
}

TEST(TemplateSchedule, WeightsAreSpreadEvenlyAndTheCycleRepeats) {
  RequestTemplate a, b;
  a.weight = 3;
  b.weight = 1;
  const TemplateSchedule schedule({a, b});
  std::vector<std::size_t> picks;
  for (std::uint64_t seq = 0; seq < 8; ++seq) picks.push_back(schedule.pick(seq));
  EXPECT_EQ(picks, (std::vector<std::size_t>{0, 0, 1, 0, 0, 0, 1, 0}));
  b.weight = 0;
  EXPECT_THROW(TemplateSchedule({a, b}), std::invalid_argument);
}

TEST(TemplateSchedule, PlaceholdersAreReplacedEverywhereTheyAppear) {
  EXPECT_EQ(expand_placeholders("/o/{seq}?t={trace_id}&again={seq}", 7, "ab"), "/o/7?t=ab&again=7");
  EXPECT_EQ(expand_placeholders("{se}{seq", 7, "ab"), "{se}{seq");
}

}  // namespace
}  // namespace unbroken
