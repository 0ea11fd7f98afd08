#include "harness/checks/health_semantics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/fakes/fake_clock.h"
#include "tests/unit/checks/check_test_support.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;

// orders' health endpoints as a workload answers them: /readyz 503 while inventory is
// down (unless the service ignores its downstream), /healthz 200 unless liveness is
// (wrongly) tied to the downstream.
struct Orders {
  bool inventory_down = false;
  bool readyz_ignores_downstream = false;
  bool healthz_follows_downstream = false;
  int healthz_flap_at_probe = -1;  // this /healthz probe (counted from 0) answers 500
  int readyz_ready_at_probe = -1;  // from this /readyz probe on, 200 although down
  int healthz_probes = 0;
  int readyz_probes = 0;
  testing::FakeHttpTransport http{[this](const testing::RecordedRequest& r) -> HttpResponse {
    if (r.base_url != "http://orders:1") throw TransportError("unexpected host", false);
    const bool down = inventory_down;
    if (r.path == "/readyz") {
      const bool lies = readyz_ready_at_probe >= 0 && readyz_probes++ >= readyz_ready_at_probe;
      return {down && !readyz_ignores_downstream && !lies ? 503 : 200, ""};
    }
    if (healthz_probes++ == healthz_flap_at_probe) return {500, ""};
    return {down && healthz_follows_downstream ? 500 : 200, ""};
  }};
};

class HealthSemanticsTest : public ::testing::Test {
 protected:
  Verdict run(Orders& orders) {
    HealthSemantics check(
        testing::spec("health.semantics",
                      {{"service", "orders"}, {"downstream", "inventory"}, {"within", "2s"}}),
        reference_system());
    auto ctx = testing::context_over(prom, 0, 10);
    ctx.http = &orders.http;
    ctx.clock = &clock;
    check.on_fault_injected(ctx, "loki");  // a fault elsewhere is not watched
    orders.inventory_down = true;
    check.on_fault_injected(ctx, "inventory");
    for (int tick = 0; tick < 5; ++tick) check.while_running(ctx);  // the fault in force
    orders.inventory_down = false;
    check.on_fault_healed(ctx, "inventory");
    return check.evaluate(ctx);
  }
  testing::FakePrometheus prom;
  testing::FakeClock clock;
};

TEST_F(HealthSemanticsTest, ReadyzFollowsTheDownstreamWhileHealthzStays200) {
  Orders orders;
  const auto v = run(orders);
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("/healthz stayed 200"));
}

TEST_F(HealthSemanticsTest, AHealthzThatFlapsWhileTheDownstreamIsDownFails) {
  Orders orders;
  orders.healthz_flap_at_probe = 3;  // the first probe saw 200; a later one 500
  const auto v = run(orders);
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("/healthz answered 500 later while inventory was down"));
}

TEST_F(HealthSemanticsTest, AReadyzThatRecoversWhileTheDownstreamIsStillDownFails) {
  Orders orders;
  orders.readyz_ready_at_probe = 3;  // 503 at first, then 200 with inventory still down
  const auto v = run(orders);
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("/readyz answered 200 again while inventory was still down"));
}

TEST_F(HealthSemanticsTest, AReadyzThatIgnoresItsDownstreamFails) {
  Orders orders;
  orders.readyz_ignores_downstream = true;
  const auto v = run(orders);
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason,
              HasSubstr("orders /readyz still answered 200 2s after inventory went down"));
}

TEST_F(HealthSemanticsTest, ALivenessTiedToTheDownstreamFails) {
  Orders orders;
  orders.healthz_follows_downstream = true;
  const auto v = run(orders);
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("/healthz answered 500 while inventory was down"));
}

TEST_F(HealthSemanticsTest, WithoutAFaultOnTheDownstreamItIsInconclusive) {
  HealthSemantics check(
      testing::spec("health.semantics", {{"service", "orders"}, {"downstream", "inventory"}}),
      reference_system());
  EXPECT_EQ(check.evaluate(testing::context_over(prom, 0, 10)).status,
            VerdictStatus::kInconclusive);
}

}  // namespace
}  // namespace unbroken
