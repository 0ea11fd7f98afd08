#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/faults/fault_registry.h"
#include "harness/faults/proxy_down_fault.h"
#include "harness/faults/proxy_toxic_fault.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_connection_prober.h"
#include "tests/fakes/fake_http_transport.h"
#include "tests/fakes/fake_runtime.h"
#include "tests/support/fault_spec.h"
#include "tests/support/reference_system.h"

namespace unbroken {
namespace {

using testing::fault_spec_for;
using ::testing::HasSubstr;

// A fault proxy that keeps the toxics it is sent (port 8474) in front of a Loki that
// answers /ready (port 3100), optionally forgetting toxics (a proxy that ignores them).
// Probe connections through it see each listed toxic act as the real proxy makes it act,
// unless `toxics_inert` (a proxy that lists toxics but does nothing), and on every
// `affect_every`-th connection only (toxicity as the proxy rolls it).
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
  bool toxics_inert = false;
  int affect_every = 1;
  int connections = 0;
  testing::FakeConnectionProber prober{[this](const ConnectionPlan& plan) {
    ConnectionTrace t;
    t.connected = true;
    t.answers = plan.body_bytes > 0 ? 1 : plan.requests;
    t.bytes_received = 104LL * t.answers;
    t.bytes_sent = 60LL * t.answers + plan.body_bytes;
    t.first_answer = Millis(2);
    t.last_answer = Millis(2 * t.answers);
    t.closed = t.last_answer + Millis(1);
    if (toxics.empty() || toxics_inert || connections++ % affect_every != 0) return t;
    const auto& toxic = toxics[0];
    const auto type = toxic["type"].get<std::string>();
    const auto attribute = [&](const char* name) {
      return toxic["attributes"].value(name, std::int64_t{0});
    };
    const bool down = toxic["stream"] == "downstream";
    if (type == "latency") {
      t.first_answer += Millis(attribute("latency"));
      t.last_answer += Millis(attribute("latency"));
    } else if (type == "bandwidth") {
      t.last_answer += Millis((down ? t.bytes_received : t.bytes_sent) / attribute("rate"));
    } else if (type == "timeout" || type == "reset_peer") {
      t = ConnectionTrace{true, 0, t.bytes_sent, 0, Millis(-1), Millis(-1), Millis(-1), "cut"};
    } else if (type == "slow_close") {
      t.closed = t.last_answer + Millis(attribute("delay"));
    } else if (type == "limit_data") {
      t.answers = std::min<int>(t.answers, static_cast<int>(attribute("bytes") / 104));
    }
    return t;
  }};
  FaultContext context{runtime, clock, reference_system(), &http, &prober};
};

TEST_F(ProxyFaultTest, ABandwidthIsMeasuredAsTheDelayItImposesOnWhatAProbeCarries) {
  ProxyToxicFault fault(fault_spec_for("bandwidth", "loki", {{"rate", "100"}}), context);
  EXPECT_EQ(fault.describe(), "bandwidth on the proxied path to loki (rate 100 KB/s)");
  fault.inject();
  ASSERT_EQ(toxics.size(), 1u);
  EXPECT_EQ(toxics[0]["attributes"]["rate"], 100);
  // Sized for 200ms at 100 KB/s: 20,000 bytes of 104-byte answers, asked one after another.
  EXPECT_EQ(prober.plans.back().requests, 193);
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(injected.verified) << injected.observation;
  EXPECT_THAT(injected.observation, HasSubstr("through the proxy: 193 answer(s), 20072 bytes in"));
  EXPECT_THAT(injected.observation, HasSubstr("last after 586ms"));
  fault.heal();
  const auto healed = fault.verify_effect(FaultPhase::kHealed, Millis(1000));
  EXPECT_TRUE(healed.verified);
  EXPECT_THAT(healed.observation, HasSubstr("toxic removed; through the proxy: answered 200"));
}

// Beside it: a rate so high that nothing a probe can carry is delayed measurably does not
// act on this path, and the fault is not verified, saying so.
TEST_F(ProxyFaultTest, ABandwidthTooHighToBiteIsNotVerified) {
  ProxyToxicFault fault(fault_spec_for("bandwidth", "loki", {{"rate", "100000"}}), context);
  fault.inject();
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(injected.verified);
  EXPECT_THAT(injected.observation, HasSubstr("a rate of 100000 KB/s delays the 41600 bytes a "
                                              "probe carries downstream by 0ms"));
  EXPECT_THAT(injected.observation, HasSubstr("it barely acts on this path"));
}

TEST_F(ProxyFaultTest, AnUpstreamBandwidthIsMeasuredWithALargeRequest) {
  ProxyToxicFault fault(
      fault_spec_for("bandwidth", "loki", {{"rate", "50"}, {"stream", "upstream"}}), context);
  fault.inject();
  EXPECT_EQ(prober.plans.back().body_bytes, 10'000);
  EXPECT_TRUE(fault.verify_effect(FaultPhase::kInjected, Millis(1000)).verified);
  toxics_inert = true;
  EXPECT_FALSE(fault.verify_effect(FaultPhase::kInjected, Millis(1000)).verified);
}

TEST_F(ProxyFaultTest, SlowCloseIsMeasuredAsTheDelayBeforeTheClose) {
  ProxyToxicFault fault(fault_spec_for("slow_close", "loki", {{"delay", "1s"}}), context);
  fault.inject();
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(injected.verified) << injected.observation;
  EXPECT_THAT(injected.observation, HasSubstr("last after 2ms, closed after 1002ms"));
  toxics_inert = true;
  const auto inert = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(inert.verified);
  EXPECT_THAT(inert.observation, HasSubstr("the toxic did not show"));
}

TEST_F(ProxyFaultTest, LimitDataIsMeasuredAsAConnectionCutBeforeItsAnswers) {
  ProxyToxicFault fault(fault_spec_for("limit_data", "loki", {{"bytes", "1KB"}}), context);
  fault.inject();
  // More than 1,000 bytes downstream: 11 answers of 104 bytes, and one more.
  EXPECT_EQ(prober.plans.back().requests, 11);
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(injected.verified) << injected.observation;
  EXPECT_THAT(injected.observation, HasSubstr("through the proxy: 9 answer(s)"));
  toxics_inert = true;
  EXPECT_FALSE(fault.verify_effect(FaultPhase::kInjected, Millis(1000)).verified);
}

// Toxicity is measured as a share of 20 connections opened at once: half affected matches
// 0.5; every one affected does not.
TEST_F(ProxyFaultTest, AToxicityBelowOneIsMeasuredAsTheShareOfConnectionsAffected) {
  ProxyToxicFault fault(fault_spec_for("timeout", "loki", {{"toxicity", "0.5"}}), context);
  fault.inject();
  affect_every = 2;
  const auto half = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(half.verified) << half.observation;
  EXPECT_THAT(half.observation, HasSubstr("10 of 20 connections through the proxy affected "
                                          "(toxicity 0.5 ± 0.34)"));
  affect_every = 1;
  const auto all = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(all.verified);
  EXPECT_THAT(all.observation, HasSubstr("20 of 20 connections"));
  EXPECT_THAT(all.observation, HasSubstr("the toxic did not show as declared"));
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
  toxics_inert = true;
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
  FaultRegistry registry;  // validates the declared parameters, then builds
  register_builtin_faults(registry);
  EXPECT_THROW(registry.create(fault_spec_for("latency", "loki"), context), ConfigError);
  EXPECT_THROW(
      registry.create(fault_spec_for("latency", "prometheus", {{"latency", "1s"}}), context),
      ConfigError);
  EXPECT_THROW(registry.create(
                   fault_spec_for("latency", "loki", {{"latency", "1s"}, {"rate", "5"}}), context),
               ConfigError);
  EXPECT_THROW(registry.create(fault_spec_for("timeout", "loki", {{"toxicity", "1.5"}}), context),
               ConfigError);
  EXPECT_THROW(
      registry.create(fault_spec_for("timeout", "loki", {{"stream", "sideways"}}), context),
      ConfigError);
  EXPECT_THROW(registry.create(fault_spec_for("down", "gateway"), context), ConfigError);
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
