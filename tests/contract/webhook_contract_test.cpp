// Contract test: the harness's WebhookClient against the stack's webhook receiver over
// real HTTP, fed what Alertmanager's webhook sends (a version 4 payload).
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "fixtures/webhook/webhook_server.h"
#include "harness/backends/httplib_transport.h"
#include "harness/backends/webhook_client.h"
#include "tests/support/idle_connection_expectations.h"

namespace unbroken {
namespace {

std::string payload(const std::string& status) {
  return fmt::format(R"({{"version": "4", "status": "{0}", "receiver": "webhook",
    "groupKey": "{{}}:{{alertname=\"UnbrokenTargetDown\", job=\"inventory\"}}",
    "alerts": [{{"status": "{0}", "labels": {{"alertname": "UnbrokenTargetDown",
      "job": "inventory"}}, "startsAt": "2026-11-22T14:30:03Z"}}]}})",
                     status);
}

class WebhookContract : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = server_.bind_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.serve(); });
    while (!httplib::Client("127.0.0.1", port_).Get("/healthz")) std::this_thread::yield();
  }
  void TearDown() override { stop(); }
  void stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  int post(const std::string& body) {
    const auto r = httplib::Client("127.0.0.1", port_).Post("/alerts", body, "application/json");
    return r ? r->status : 0;
  }

  webhook::WebhookServer server_;
  std::thread thread_;
  int port_ = 0;
  HttplibTransport http_;
};

TEST_F(WebhookContract, EveryNotificationIsRecordedInOrderWithItsArrivalTime) {
  const auto before = std::chrono::system_clock::now();
  EXPECT_EQ(post(payload("firing")), 200);
  EXPECT_EQ(post(payload("resolved")), 200);
  const auto got = WebhookClient(http_, fmt::format("http://127.0.0.1:{}", port_)).notifications();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].status, "firing");
  EXPECT_EQ(got[1].alerts[0].status, "resolved");
  EXPECT_EQ(got[1].alerts[0].labels.at("job"), "inventory");
  EXPECT_GE(got[0].received_at, std::chrono::time_point_cast<Millis>(before));
  EXPECT_LE(got[0].received_at, got[1].received_at);
}

TEST_F(WebhookContract, ABodyThatIsNotJsonIsRefusedAndNotRecorded) {
  EXPECT_EQ(post("not json"), 400);
  EXPECT_TRUE(
      WebhookClient(http_, fmt::format("http://127.0.0.1:{}", port_)).notifications().empty());
}

// Alertmanager reuses its connection for the next notification: an idle connection is kept,
// and stopping the receiver still closes it at once.
TEST_F(WebhookContract, AnIdleConnectionIsKeptAndStopClosesItAtOnce) {
  testing::expect_idle_connection_kept_and_closed_by_stop(port_, "/healthz", [this] { stop(); });
}

}  // namespace
}  // namespace unbroken
