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
  // Probes that get no answer (a timeout), as on a machine too busy to serve them in time.
  bool readyz_silent_while_down = false;
  bool healthz_silent_while_down = false;
  int readyz_silent_from_probe = -1;  // while down, from this /readyz probe on
  bool silent_after_heal = false;
  bool went_down = false;
  int healthz_probes = 0;
  int readyz_probes = 0;
  int readyz_probes_while_down = 0;
  testing::FakeHttpTransport http{[this](const testing::RecordedRequest& r) -> HttpResponse {
    if (r.base_url != "http://orders:1") throw TransportError("unexpected host", false);
    const bool down = inventory_down;
    went_down = went_down || down;
    const bool readyz = r.path == "/readyz";
    const bool silent = (down && readyz && readyz_silent_while_down) ||
                        (down && !readyz && healthz_silent_while_down) ||
                        (down && readyz && readyz_silent_from_probe >= 0 &&
                         readyz_probes_while_down >= readyz_silent_from_probe) ||
                        (!down && went_down && silent_after_heal);
    if (down && readyz) ++readyz_probes_while_down;
    if (silent) throw TransportError("timed out after 1000ms", true);
    if (readyz) {
      const bool lies = readyz_ready_at_probe >= 0 && readyz_probes++ >= readyz_ready_at_probe;
      return {down && !readyz_ignores_downstream && !lies ? 503 : 200, ""};
    }
    if (healthz_probes++ == healthz_flap_at_probe) return {500, ""};
    return {down && healthz_follows_downstream ? 500 : 200, ""};
  }};
};

class HealthSemanticsTest : public ::testing::Test {
 protected:
  static HealthSemantics check_orders() {
    return HealthSemantics(
        testing::spec("health.semantics",
                      {{"service", "orders"}, {"downstream", "inventory"}, {"within", "2s"}}),
        reference_system());
  }
  CheckContext context(Orders& orders) {
    auto ctx = testing::context_over(prom, 0, 10);
    ctx.http = &orders.http;
    ctx.clock = &clock;
    ctx.host_pressure = [] { return HostPressure{.load1 = 9.5, .cores = 2}; };
    return ctx;
  }
  Verdict run(Orders& orders) {
    auto check = check_orders();
    const auto ctx = context(orders);
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

// A readyz that answers is judged; one that gives no answer is not.
TEST_F(HealthSemanticsTest, AReadyzThatGivesNoAnswerWhileTheDownstreamIsDownIsInconclusive) {
  Orders orders;
  orders.readyz_silent_while_down = true;
  const auto v = run(orders);
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("orders /readyz gave no answer 2s after inventory went down"));
  EXPECT_THAT(v.reason, HasSubstr("host load 9.5 on 2 cores"));
  EXPECT_EQ(v.evidence["while_down"]["unanswered_probes"], v.evidence["while_down"]["probes"]);
}

TEST_F(HealthSemanticsTest, AHealthzThatGivesNoAnswerWhileTheDownstreamIsDownIsInconclusive) {
  Orders orders;
  orders.healthz_silent_while_down = true;  // beside ALivenessTiedToTheDownstreamFails
  const auto v = run(orders);
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("orders /healthz gave no answer 2s after inventory went down"));
}

TEST_F(HealthSemanticsTest, AReadyzMostlyUnansweredThroughTheFaultIsInconclusive) {
  Orders orders;
  orders.readyz_silent_from_probe = 1;  // 503 once, then no answer through the fault
  const auto v = run(orders);
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("5 of 5 probes of orders while inventory was down got no "
                                  "answer (host load 9.5 on 2 cores at the first)"));
}

TEST_F(HealthSemanticsTest, AReadyzThatStaysUnreadyAfterTheHealFails) {
  Orders orders;
  orders.readyz_ready_at_probe = 1000;  // never lies
  auto check = check_orders();
  const auto ctx = context(orders);
  orders.inventory_down = true;
  check.on_fault_injected(ctx, "inventory");
  check.on_fault_healed(ctx, "inventory");  // inventory "healed" but still answers down
  const auto v = check.evaluate(ctx);
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("did not answer /readyz and /healthz with 200 within 2s of "
                                  "inventory recovering (last /readyz 503, /healthz 200)"));
}

TEST_F(HealthSemanticsTest, AReadyzThatGivesNoAnswerAfterTheHealIsInconclusive) {
  Orders orders;
  orders.silent_after_heal = true;
  const auto v = run(orders);
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive) << v.reason;
  EXPECT_THAT(v.reason,
              HasSubstr("orders /readyz gave no answer 2s after inventory recovered (8 of 8"));
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
