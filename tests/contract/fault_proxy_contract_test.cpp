// Contract tests: the harness's FaultProxyClient against unbroken-faultproxy over real TCP
// on 127.0.0.1, with an HTTP upstream behind the proxy. Each toxic is measured from the
// client's side: what the proxy promises (toxic.h) is what a connection through it sees.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <thread>

#include "harness/backends/backend_error.h"
#include "harness/backends/fault_proxy_client.h"
#include "harness/backends/httplib_transport.h"
#include "tests/contract/proxied_upstream.h"
#include "tests/support/idle_connection_expectations.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

// An upstream answering GET /hello with 100 KB, and the proxy "web" in front of it.
class FaultProxyContract : public ::testing::Test {
 protected:
  // GET /hello through the proxy on a fresh connection: the status (0: no answer) and time.
  std::pair<int, std::chrono::milliseconds> through_proxy(std::chrono::seconds timeout) {
    httplib::Client client("127.0.0.1", stack_.listen_port());
    client.set_read_timeout(timeout);
    const auto began = Clock::now();
    const auto result = client.Get("/hello");
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - began);
    return {result ? result->status : 0, took};
  }
  FaultProxyClient client() { return stack_.client(); }

  testing::ProxiedUpstream stack_{[](httplib::Server& upstream) {
    upstream.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(100'000, 'x'), "text/plain");
    });
  }};
};

TEST_F(FaultProxyContract, PassesTrafficUntouchedWithoutToxics) {
  const auto [status, took] = through_proxy(std::chrono::seconds(2));
  EXPECT_EQ(status, 200);
  EXPECT_LT(took.count(), 200);
}

TEST_F(FaultProxyContract, LatencyDelaysEveryResponseByAboutTheLatencyNotPerChunk) {
  client().add_toxic(
      "web",
      {{"name", "slow"}, {"type", "latency"}, {"attributes", {{"latency", 300}, {"jitter", 0}}}});
  const auto [status, took] = through_proxy(std::chrono::seconds(5));
  EXPECT_EQ(status, 200);
  EXPECT_GE(took.count(), 300);
  EXPECT_LT(took.count(), 600);  // 100 KB arrives in several chunks; each waits from its arrival
  client().remove_toxic("web", "slow");
  EXPECT_LT(through_proxy(std::chrono::seconds(2)).second.count(), 200);
}

TEST_F(FaultProxyContract, BandwidthPacesTheResponse) {
  client().add_toxic("web", {{"type", "bandwidth"}, {"attributes", {{"rate", 200}}}});
  const auto [status, took] = through_proxy(std::chrono::seconds(5));
  EXPECT_EQ(status, 200);
  EXPECT_GE(took.count(), 400);  // 100 KB at 200 KB/s
}

TEST_F(FaultProxyContract, ABlackHoleTimeoutAnswersNothingUntilRemoved) {
  client().add_toxic("web", {{"type", "timeout"}, {"attributes", {{"timeout", 0}}}});
  EXPECT_EQ(through_proxy(std::chrono::seconds(1)).first, 0);
  client().remove_toxic("web", "timeout_downstream");
  EXPECT_EQ(through_proxy(std::chrono::seconds(1)).first, 200);
}

TEST_F(FaultProxyContract, ResetPeerAndLimitDataCutTheResponse) {
  client().add_toxic("web", {{"type", "reset_peer"}, {"attributes", {{"timeout", 50}}}});
  EXPECT_EQ(through_proxy(std::chrono::seconds(2)).first, 0);
  client().remove_toxic("web", "reset_peer_downstream");
  client().add_toxic("web", {{"type", "limit_data"}, {"attributes", {{"bytes", 1000}}}});
  EXPECT_EQ(through_proxy(std::chrono::seconds(2)).first, 0);  // the body is cut short
}

TEST_F(FaultProxyContract, DownRefusesConnectionsAndUpAcceptsThemAgain) {
  client().set_enabled("web", false);
  EXPECT_FALSE(client().enabled("web"));
  EXPECT_EQ(through_proxy(std::chrono::seconds(1)).first, 0);
  client().set_enabled("web", true);
  EXPECT_EQ(through_proxy(std::chrono::seconds(1)).first, 200);
}

TEST_F(FaultProxyContract, ToxicityZeroNeverAppliesAndTheToxicIsStillListed) {
  client().add_toxic("web",
                     {{"type", "timeout"}, {"toxicity", 0.0}, {"attributes", {{"timeout", 0}}}});
  EXPECT_EQ(through_proxy(std::chrono::seconds(1)).first, 200);
  ASSERT_EQ(client().toxics("web").size(), 1u);
  EXPECT_EQ(client().toxics("web")[0]["toxicity"], 0.0);
}

TEST_F(FaultProxyContract, RefusalsComeBackAsBackendErrorsWithTheProxysReason) {
  try {
    client().add_toxic("web", {{"type", "earthquake"}});
    FAIL() << "expected a BackendError";
  } catch (const BackendError& e) {
    EXPECT_THAT(e.what(), HasSubstr("400 (unknown toxic type 'earthquake'"));
  }
  client().add_toxic("web", {{"type", "latency"}, {"attributes", {{"latency", 1}}}});
  EXPECT_THROW(client().add_toxic("web", {{"type", "latency"}, {"attributes", {{"latency", 1}}}}),
               BackendError);  // 409: the name exists
  EXPECT_THROW(client().remove_toxic("nope", "x"), BackendError);
}

// Toxiproxy's API keeps an idle connection 60 s: the harness reuses its connection across a
// fault window, and a server closing it meanwhile races the next request (a read error on
// heal). Stopping still closes idle connections at once.
TEST_F(FaultProxyContract, TheApiKeepsAnIdleConnectionAndStopClosesItAtOnce) {
  testing::expect_idle_connection_kept_and_closed_by_stop(stack_.api_port(), "/version",
                                                          [this] { stack_.stop_api(); });
}

}  // namespace
}  // namespace unbroken
