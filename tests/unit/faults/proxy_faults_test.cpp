#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/faults/proxy_down_fault.h"
#include "harness/faults/proxy_toxic_fault.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_http_transport.h"
#include "tests/fakes/fake_runtime.h"
#include "tests/support/fault_spec.h"

namespace unbroken {
namespace {

using testing::fault_spec_for;
using ::testing::HasSubstr;

// A fault proxy that keeps the toxics it is sent (port 8474) in front of a Loki that
// answers /ready (port 3100), optionally forgetting toxics (a proxy that ignores them).
class ProxyFaultTest : public ::testing::Test {
 protected:
  testing::FakeRuntime runtime{{"faultproxy", "loki"}};
  testing::FakeClock clock;
  nlohmann::json toxics = nlohmann::json::array();
  bool enabled = true;
  bool forget_toxics = false;
  testing::FakeHttpTransport http{[this](const testing::RecordedRequest& r) -> HttpResponse {
    if (r.base_url == "http://127.0.0.1:3100") {
      if (!enabled) throw TransportError("connection refused", false);
      return {200, "ready"};
    }
    if (r.method == "POST" && r.path == "/proxies/loki/toxics") {
      if (!forget_toxics) toxics.push_back(nlohmann::json::parse(r.body));
      return {200, r.body};
    }
    if (r.method == "DELETE") {
      toxics = nlohmann::json::array();
      return {204, ""};
    }
    if (r.method == "POST" && r.path == "/proxies/loki") {
      enabled = nlohmann::json::parse(r.body)["enabled"];
      return {200, "{}"};
    }
    if (r.path == "/proxies/loki/toxics") return {200, toxics.dump()};
    return {404, R"({"error":"not found"})"};
  }};
  FaultContext context{runtime, clock, &http};
};

TEST_F(ProxyFaultTest, AnUnmeasurableToxicIsConfirmedByTheProxysApiAndSaysSo) {
  ProxyToxicFault fault(fault_spec_for("bandwidth", "loki", {{"rate", "100"}}), context);
  EXPECT_EQ(fault.describe(), "bandwidth on the workload's path to loki (rate 100 KB/s)");
  fault.inject();
  ASSERT_EQ(toxics.size(), 1u);
  EXPECT_EQ(toxics[0]["attributes"]["rate"], 100);
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(injected.verified);
  EXPECT_THAT(injected.observation, HasSubstr("confirmed by the fault proxy's API"));
  EXPECT_THAT(injected.observation, HasSubstr("not measured"));
  fault.heal();
  const auto healed = fault.verify_effect(FaultPhase::kHealed, Millis(1000));
  EXPECT_TRUE(healed.verified);
  EXPECT_THAT(healed.observation, HasSubstr("toxic removed; through the proxy: answered 200"));
}

TEST_F(ProxyFaultTest, AToxicTheProxyDoesNotListIsNotVerified) {
  forget_toxics = true;
  ProxyToxicFault fault(fault_spec_for("slow_close", "loki", {{"delay", "1s"}}), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("does not list toxic unbroken_slow_close"));
}

TEST_F(ProxyFaultTest, ALatencyThatDoesNotShowInTheMeasurementIsNotVerified) {
  // The fake proxy lists the toxic but the request through it is answered at once.
  ProxyToxicFault fault(fault_spec_for("latency", "loki", {{"latency", "500ms"}}), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("the toxic did not show"));
}

TEST_F(ProxyFaultTest, DownIsProvenByARefusedRequestThenAnAnswer) {
  ProxyDownFault fault(fault_spec_for("down", "loki"), context);
  fault.inject();
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(injected.verified);
  EXPECT_THAT(injected.observation, HasSubstr("no answer"));
  fault.heal();
  EXPECT_TRUE(fault.verify_effect(FaultPhase::kHealed, Millis(1000)).verified);
}

TEST_F(ProxyFaultTest, ParametersAndTargetsAreValidated) {
  EXPECT_THROW(ProxyToxicFault(fault_spec_for("latency", "loki"), context), ConfigError);
  EXPECT_THROW(
      ProxyToxicFault(fault_spec_for("latency", "prometheus", {{"latency", "1s"}}), context),
      ConfigError);
  EXPECT_THROW(ProxyToxicFault(
                   fault_spec_for("latency", "loki", {{"latency", "1s"}, {"rate", "5"}}), context),
               ConfigError);
  EXPECT_THROW(ProxyToxicFault(fault_spec_for("timeout", "loki", {{"toxicity", "1.5"}}), context),
               ConfigError);
  EXPECT_THROW(
      ProxyToxicFault(fault_spec_for("timeout", "loki", {{"stream", "sideways"}}), context),
      ConfigError);
  EXPECT_THROW(ProxyDownFault(fault_spec_for("down", "gateway"), context), ConfigError);
}

TEST_F(ProxyFaultTest, AToxicThatCannotActIsRefusedAtItsValue) {
  EXPECT_NO_THROW(
      ProxyToxicFault(fault_spec_for("timeout", "loki", {{"toxicity", "0.5"}}), context));
  try {
    ProxyToxicFault(fault_spec_for("timeout", "loki", {{"toxicity", "0"}}), context);
    FAIL() << "accepted toxicity 0";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("a toxic that touches no connection cannot act"));
  }
  EXPECT_NO_THROW(
      ProxyToxicFault(fault_spec_for("latency", "loki", {{"latency", "1ms"}}), context));
  EXPECT_THROW(ProxyToxicFault(fault_spec_for("latency", "loki", {{"latency", "0s"}}), context),
               ConfigError);
}

}  // namespace
}  // namespace unbroken
