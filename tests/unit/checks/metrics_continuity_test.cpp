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
                           from_unix_seconds(1025), true});
    return ctx;
  }
  MetricsContinuity check{
      spec("metrics.continuity", {{"selector", kSelector}, {"recovery_allowance", "15s"}})};
  FakePrometheus prom;
};

TEST_F(MetricsContinuityTest, PassesWhenTheOnlyGapIsInsideTheFaultWindow) {
  const auto v = check.evaluate(context());
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_DOUBLE_EQ(v.evidence["worst_time_to_recover_seconds"].get<double>(), 5.0);
  EXPECT_EQ(v.evidence["series"][0]["gaps"].size(), 1u);
}

TEST_F(MetricsContinuityTest, FailsForAMissingScrapeOutsideAnyWindow) {
  std::erase_if(prom.series[0].samples,
                [](const PromSample& s) { return s.t >= 1040 && s.t < 1045; });
  const auto v = check.evaluate(context());
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_NE(v.reason.find("1 gap(s)"), std::string::npos) << v.reason;
  EXPECT_NE(v.reason.find("outside any declared fault window"), std::string::npos) << v.reason;
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

TEST(MetricsContinuitySpec, RequiresASelectorAndRejectsUnknownKeys) {
  EXPECT_THROW(MetricsContinuity(spec("metrics.continuity", {})), ConfigError);
  try {
    MetricsContinuity(spec("metrics.continuity", {{"selector", "up"}, {"selectr", "x"}}));
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("test.yaml:2:3: unknown key 'selectr'"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace unbroken
