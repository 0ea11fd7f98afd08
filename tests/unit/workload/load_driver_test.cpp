#include "harness/workload/load_driver.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "harness/backends/httplib_transport.h"
#include "tests/support/free_port.h"

namespace unbroken {
namespace {

// A real HTTP server on 127.0.0.1 that answers /work with `status`.
class LocalServer {
 public:
  explicit LocalServer(int status) {
    server_.Get("/work", [this, status](const httplib::Request&, httplib::Response& res) {
      served.fetch_add(1);
      res.status = status;
      res.set_content("ok", "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    // The socket already listens after bind, so requests queue until the thread accepts.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~LocalServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::atomic<int> served{0};

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

LoadPlan short_plan() {
  LoadPlan plan;
  plan.path = "/work";
  plan.rate_per_s = 200;
  plan.duration = Millis(500);
  plan.request_timeout = Millis(1000);
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

}  // namespace
}  // namespace unbroken
