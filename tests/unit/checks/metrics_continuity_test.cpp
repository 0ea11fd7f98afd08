#include "harness/checks/metrics_continuity.h"

#include <gtest/gtest.h>

#include "tests/unit/checks/check_test_support.h"

namespace unbroken {
namespace {

using testing::context_over;
using testing::FakePrometheus;
using testing::samples_every_second;
using testing::spec;

const char* kSelector = R"(http_requests_total{job="gateway"})";

class MetricsContinuityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Scraped every second from 1000 to 1060, except while Prometheus was down (1020–1029).
    auto samples = samples_every_second(1000, 1060);
    std::erase_if(samples, [](const PromSample& s) { return s.t >= 1020 && s.t < 1030; });
    prom.series.push_back({{{"job", "gateway"}}, samples});
  }
  CheckContext context() {
    auto ctx = context_over(prom, 1000, 1060);
    ctx.windows.push_back({"kill prometheus with SIGKILL", "prometheus", from_unix_seconds(1019.5),
                           from_unix_seconds(1025), true, true});
    return ctx;
  }
  MetricsContinuity check{
      spec("metrics.continuity", {{"selector", kSelector}, {"recover_within", "15s"}})};
  FakePrometheus prom;
};

TEST_F(MetricsContinuityTest, PassesWhenTheOnlyGapIsInsideTheFaultWindow) {
  const auto v = check.evaluate(context());
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_DOUBLE_EQ(v.evidence["worst_time_to_recover_seconds"].get<double>(), 5.0);
  EXPECT_EQ(v.evidence["series"][0]["gaps"].size(), 1u);
}

// Evidence too weak to judge: a window of 5 s holds too few samples at a 2.5 s max_spacing
// for a gap to show; beside PassesWhenTheOnlyGapIsInsideTheFaultWindow, where 60 s do.
TEST_F(MetricsContinuityTest, AWindowTooShortForItsResolutionIsInconclusive) {
  auto ctx = context_over(prom, 1000, 1005);
  const auto v = check.evaluate(ctx);
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive) << v.reason;
  EXPECT_NE(v.reason.find("lasted 5.0s, under 3 × max_spacing (2.5s)"), std::string::npos)
      << v.reason;
}

TEST_F(MetricsContinuityTest, FailsForAMissingScrapeOutsideAnyWindow) {
  std::erase_if(prom.series[0].samples,
                [](const PromSample& s) { return s.t >= 1040 && s.t < 1045; });
  const auto v = check.evaluate(context());
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_NE(v.reason.find("1 gap(s)"), std::string::npos) << v.reason;
  EXPECT_NE(v.reason.find("not excused"), std::string::npos) << v.reason;
  EXPECT_FALSE(v.evidence["series"][0]["gaps"][1]["expected"].get<bool>());
}

TEST_F(MetricsContinuityTest, FailsWhenRecoveryTakesLongerThanTheAllowance) {
  std::erase_if(prom.series[0].samples,
                [](const PromSample& s) { return s.t >= 1030 && s.t < 1045; });
  const auto v = check.evaluate(context());
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
}

TEST_F(MetricsContinuityTest, FailsWhenTheSeriesIsAbsent) {
  prom.series.clear();
  const auto v = check.evaluate(context());
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_NE(v.reason.find("no sample"), std::string::npos);
}

TEST_F(MetricsContinuityTest, AnUndeclaredFaultExcusesNothing) {
  auto ctx = context();
  ctx.windows[0].declared = false;
  EXPECT_EQ(check.evaluate(ctx).status, VerdictStatus::kFailed);
}

TEST_F(MetricsContinuityTest, ADeclaredFaultOffTheSeriesPathExcusesNothing) {
  // Loki was killed over the same seconds: gateway's series does not pass Loki.
  auto ctx = context();
  ctx.windows[0].target = "loki";
  ctx.windows[0].fault = "kill loki with SIGKILL";
  const auto v = check.evaluate(ctx);
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_NE(v.reason.find("no declared, verified fault on its path (metrics of gateway)"),
            std::string::npos)
      << v.reason;
}

TEST_F(MetricsContinuityTest, AFaultWhoseEffectWasNotVerifiedExcusesNothing) {
  auto ctx = context();
  ctx.windows[0].verified = false;
  EXPECT_EQ(check.evaluate(ctx).status, VerdictStatus::kFailed);
}

TEST_F(MetricsContinuityTest, AHealAtTheEndOfTheLoadIsJudgedOnItsRecoveryAfterTheLoad) {
  // Prometheus down 1050–1058, the load ends at 1060, scrapes come back at 1062.
  prom.series[0].samples = samples_every_second(1000, 1075);
  std::erase_if(prom.series[0].samples,
                [](const PromSample& s) { return s.t >= 1050 && s.t < 1062; });
  auto ctx = context_over(prom, 1000, 1060);
  ctx.windows.push_back({"kill prometheus with SIGKILL", "prometheus", from_unix_seconds(1049.5),
                         from_unix_seconds(1058), true, true});
  ctx.now = from_unix_seconds(1061);
  EXPECT_FALSE(check.settled(ctx)) << "not recovered yet, and the bound has not run out";
  ctx.now = from_unix_seconds(1070);
  EXPECT_TRUE(check.settled(ctx));
  const auto v = check.evaluate(ctx);
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_DOUBLE_EQ(v.evidence["worst_time_to_recover_seconds"].get<double>(), 4.0);
  // The same heal with no recovery within the bound fails.
  std::erase_if(prom.series[0].samples, [](const PromSample& s) { return s.t >= 1062; });
  ctx.now = from_unix_seconds(1080);
  EXPECT_EQ(check.evaluate(ctx).status, VerdictStatus::kFailed);
}

TEST(MetricsContinuitySpec, RequiresASelector) {
  EXPECT_THROW(MetricsContinuity(spec("metrics.continuity", {})), ConfigError);
}

}  // namespace
}  // namespace unbroken
