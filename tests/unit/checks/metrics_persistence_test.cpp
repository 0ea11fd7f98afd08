#include "harness/checks/metrics_persistence.h"

#include <gtest/gtest.h>

#include "tests/unit/checks/check_test_support.h"

namespace unbroken {
namespace {

using testing::context_over;
using testing::FakePrometheus;
using testing::samples_every_second;
using testing::spec;

class MetricsPersistenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    prom.series.push_back({{{"job", "gateway"}}, samples_every_second(996, 1060)});
  }
  // The baseline is taken just before the fault, at 1010.
  CheckContext before() {
    auto ctx = context_over(prom, 1000, 1060);
    ctx.now = from_unix_seconds(1010);
    return ctx;
  }
  MetricsPersistence check{spec("metrics.persistence", {{"selector", "up"}})};
  FakePrometheus prom;
};

TEST_F(MetricsPersistenceTest, PassesWhenEverySampleFromBeforeTheFaultIsStillThere) {
  check.before_faults(before());
  const auto v = check.evaluate(context_over(prom, 1000, 1060));
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_EQ(v.evidence["samples_before_faults"].get<int>(), 15);
}

TEST_F(MetricsPersistenceTest, FailsAndListsTheSamplesThatAreGone) {
  check.before_faults(before());
  // The restart lost everything before 1006 (as with a TSDB that was not on a volume).
  std::erase_if(prom.series[0].samples, [](const PromSample& s) { return s.t < 1006; });
  const auto v = check.evaluate(context_over(prom, 1000, 1060));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_NE(v.reason.find("10 of 15 samples"), std::string::npos) << v.reason;
  EXPECT_EQ(v.evidence["missing_samples"].size(), 10u);
}

TEST_F(MetricsPersistenceTest, InconclusiveWithoutAnythingToCompare) {
  prom.series.clear();
  check.before_faults(before());
  EXPECT_EQ(check.evaluate(context_over(prom, 1000, 1060)).status, VerdictStatus::kInconclusive);
}

// Beside PassesWhenEverySample...: the same samples, but the snapshot got no answer.
TEST_F(MetricsPersistenceTest, ASnapshotThatGotNoAnswerIsInconclusiveNamingIt) {
  testing::FakeHttpTransport silent{[](const testing::RecordedRequest&) -> HttpResponse {
    throw TransportError("timed out after 5000ms", true);
  }};
  auto ctx = testing::context_on(silent, 1000, 1060);
  ctx.now = from_unix_seconds(1010);
  ctx.host_pressure = [] { return HostPressure{.load1 = 9.5, .cores = 2}; };
  check.before_faults(ctx);
  const auto v = check.evaluate(context_over(prom, 1000, 1060));
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive);
  EXPECT_NE(v.reason.find("the snapshot before the faults got no answer: Prometheus, "),
            std::string::npos)
      << v.reason;
  EXPECT_NE(v.reason.find("timed out after 5000ms (host load 9.5 on 2 cores); nothing to compare"),
            std::string::npos)
      << v.reason;
}

TEST_F(MetricsPersistenceTest, InconclusiveWhenNoBaselineWasTaken) {
  EXPECT_EQ(check.evaluate(context_over(prom, 1000, 1060)).status, VerdictStatus::kInconclusive);
}

}  // namespace
}  // namespace unbroken
