#include "harness/checks/exporters_dropped.h"

#include <gtest/gtest.h>

#include "tests/unit/checks/check_test_support.h"

namespace unbroken {
namespace {

using testing::context_over;
using testing::FakePrometheus;
using testing::spec;

// orders's span exporter: nothing dropped until 1030, then 40 spans dropped by 1032.
class ExportersDroppedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<PromSample> samples;
    for (double t = 1000; t <= 1060; t += 1) samples.push_back({t, t < 1032 ? 0.0 : 40.0});
    prom.series.push_back(
        {{{"job", "orders"}, {"signal", "spans"}, {"outcome", "dropped_queue_full"}}, samples});
  }
  CheckContext context_with_kill_of(const std::string& target) {
    auto ctx = context_over(prom, 1000, 1060);
    ctx.windows.push_back(
        {"kill " + target, target, from_unix_seconds(1025), from_unix_seconds(1028), true, true});
    return ctx;
  }
  ExportersDropped check{spec("exporters.dropped", {})};
  FakePrometheus prom;
};

TEST_F(ExportersDroppedTest, ADropWhileJaegerWasDownIsExcused) {
  const auto v = check.evaluate(context_with_kill_of("jaeger"));
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_EQ(v.evidence["dropped"].get<double>(), 40);
}

TEST_F(ExportersDroppedTest, ADropWhileAServiceOffItsPathWasDownFails) {
  const auto v = check.evaluate(context_with_kill_of("loki"));
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_NE(v.reason.find("dropped 40 item(s) that no fault excuses; first: orders 40 spans "
                          "(dropped_queue_full)"),
            std::string::npos)
      << v.reason;
  EXPECT_NE(v.reason.find("(spans of orders)"), std::string::npos) << v.reason;
}

TEST_F(ExportersDroppedTest, ADropWithNoFaultAtAllFails) {
  EXPECT_EQ(check.evaluate(context_over(prom, 1000, 1060)).status, VerdictStatus::kFailed);
}

TEST_F(ExportersDroppedTest, NoCounterAtAllIsInconclusive) {
  prom.series.clear();
  EXPECT_EQ(check.evaluate(context_over(prom, 1000, 1060)).status, VerdictStatus::kInconclusive);
}

}  // namespace
}  // namespace unbroken
