// Contract tests: ToxicMeasure and BeastConnectionProber against unbroken-faultproxy over
// real TCP on 127.0.0.1, in front of an HTTP upstream that answers /ready. For every toxic
// kind, both streams and a toxicity below 1, the measurement shows the toxic while it is in
// force, and the same measurement with the toxic removed does not (the seeded defect: a
// toxic that is listed but not acting).
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include "harness/faults/toxic_measure.h"
#include "tests/contract/proxied_upstream.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;

class ToxicMeasureContract : public ::testing::Test {
 protected:
  // Calibrates a measure of `toxic`, adds it, measures; removes it and measures again.
  // Returns {with the toxic, without it}.
  std::pair<ToxicMeasure::Result, ToxicMeasure::Result> measure(nlohmann::json toxic) {
    toxic["name"] = "under_test";
    if (!toxic.contains("stream")) toxic["stream"] = "downstream";
    if (!toxic.contains("toxicity")) toxic["toxicity"] = 1.0;
    ToxicMeasure measure(toxic);
    measure.calibrate(prober_, Endpoint{"127.0.0.1", stack_.listen_port()}, "/ready");
    auto client = stack_.client();
    client.add_toxic("web", toxic);
    const auto with = measure.measure(prober_);
    client.remove_toxic("web", "under_test");
    const auto without = measure.measure(prober_);
    return {with, without};
  }

  testing::ProxiedUpstream stack_{[](httplib::Server& upstream) {
    const auto ready = [](const httplib::Request&, httplib::Response& res) {
      res.set_content("ready\n", "text/plain");
    };
    upstream.Get("/ready", ready);
    upstream.Post("/ready", ready);
  }};
  BeastConnectionProber prober_;
};

TEST_F(ToxicMeasureContract, APlainConnectionIsAnsweredAndClosed) {
  const auto traces = prober_.run({{Endpoint{"127.0.0.1", stack_.listen_port()}, "/ready", 3, 0,
                                    Millis(2000)}});
  ASSERT_EQ(traces.size(), 1u);
  EXPECT_EQ(traces[0].answers, 3);
  EXPECT_GE(traces[0].closed.count(), traces[0].last_answer.count());
  EXPECT_EQ(traces[0].ended_by, "");
}

TEST_F(ToxicMeasureContract, Latency) {
  const auto [with, without] =
      measure({{"type", "latency"}, {"attributes", {{"latency", 300}, {"jitter", 0}}}});
  EXPECT_TRUE(with.shown) << with.observation;
  EXPECT_FALSE(without.shown) << without.observation;
}

TEST_F(ToxicMeasureContract, UpstreamLatency) {
  const auto [with, without] = measure({{"type", "latency"},
                                        {"stream", "upstream"},
                                        {"attributes", {{"latency", 300}, {"jitter", 0}}}});
  EXPECT_TRUE(with.shown) << with.observation;
  EXPECT_FALSE(without.shown) << without.observation;
}

TEST_F(ToxicMeasureContract, ABlackHoleTimeout) {
  const auto [with, without] = measure({{"type", "timeout"}, {"attributes", {{"timeout", 0}}}});
  EXPECT_TRUE(with.shown) << with.observation;
  EXPECT_FALSE(without.shown) << without.observation;
}

TEST_F(ToxicMeasureContract, ResetPeer) {
  const auto [with, without] =
      measure({{"type", "reset_peer"}, {"attributes", {{"timeout", 50}}}});
  EXPECT_TRUE(with.shown) << with.observation;
  EXPECT_FALSE(without.shown) << without.observation;
}

TEST_F(ToxicMeasureContract, Bandwidth) {
  const auto [with, without] = measure({{"type", "bandwidth"}, {"attributes", {{"rate", 20}}}});
  EXPECT_TRUE(with.shown) << with.observation;
  EXPECT_FALSE(without.shown) << without.observation;
}

TEST_F(ToxicMeasureContract, UpstreamBandwidth) {
  const auto [with, without] = measure(
      {{"type", "bandwidth"}, {"stream", "upstream"}, {"attributes", {{"rate", 100}}}});
  EXPECT_TRUE(with.shown) << with.observation;
  EXPECT_FALSE(without.shown) << without.observation;
}

TEST_F(ToxicMeasureContract, ABandwidthTooHighToBiteIsUnobservable) {
  const auto [with, without] =
      measure({{"type", "bandwidth"}, {"attributes", {{"rate", 1'000'000}}}});
  EXPECT_FALSE(with.shown);
  EXPECT_THAT(with.observation, HasSubstr("it barely acts on this path"));
}

TEST_F(ToxicMeasureContract, SlowClose) {
  const auto [with, without] = measure({{"type", "slow_close"}, {"attributes", {{"delay", 500}}}});
  EXPECT_TRUE(with.shown) << with.observation;
  EXPECT_FALSE(without.shown) << without.observation;
}

TEST_F(ToxicMeasureContract, LimitData) {
  const auto [with, without] = measure({{"type", "limit_data"}, {"attributes", {{"bytes", 2000}}}});
  EXPECT_TRUE(with.shown) << with.observation;
  EXPECT_FALSE(without.shown) << without.observation;
}

TEST_F(ToxicMeasureContract, UpstreamLimitData) {
  const auto [with, without] = measure(
      {{"type", "limit_data"}, {"stream", "upstream"}, {"attributes", {{"bytes", 5000}}}});
  EXPECT_TRUE(with.shown) << with.observation;
  EXPECT_FALSE(without.shown) << without.observation;
}

// Half the connections: the share of 20 is near 0.5. With the toxic gone, none are.
TEST_F(ToxicMeasureContract, AToxicityOfAHalf) {
  const auto [with, without] =
      measure({{"type", "timeout"}, {"toxicity", 0.5}, {"attributes", {{"timeout", 0}}}});
  EXPECT_TRUE(with.shown) << with.observation;
  EXPECT_FALSE(without.shown) << without.observation;
  EXPECT_THAT(without.observation, HasSubstr("0 of 20 connections"));
}

}  // namespace
}  // namespace unbroken
