// Every registered check, over backends and services that give no answer at all, is
// inconclusive: no answer is no evidence for or against any property (issue 16). Each
// check's own tests stand beside this one, with answers that decide it passed or failed.
// A check kind added to the registry without a row in kMinimalSpecs fails here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/checks/check_registry.h"
#include "harness/checks/evaluate_check.h"
#include "tests/fakes/fake_clock.h"
#include "tests/unit/checks/check_test_support.h"
#include "tests/unit/checks/fake_query_apis.h"

namespace unbroken {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

// The least each check kind needs to be built for the reference system.
const std::map<std::string, std::map<std::string, std::string>> kMinimalSpecs{
    {"metrics.continuity",
     {{"selector", R"(http_requests_total{job="gateway",route="/work",code="200"})"}}},
    {"metrics.persistence",
     {{"selector", R"(http_requests_total{job="gateway",route="/work",code="200"})"}}},
    {"metrics.accounting",
     {{"counter", R"(http_requests_total{job="gateway",route="/work",code="200"})"}}},
    {"metrics.exposition", {{"jobs", "gateway, orders"}}},
    {"traces.completeness", {{"services", "gateway, orders, inventory"}, {"shape", "chain"}}},
    {"logs.completeness", {{"services", "gateway, orders, inventory"}, {"match", "workload"}}},
    {"correlation.trace_logs", {{"services", "gateway, orders, inventory"}, {"match", "workload"}}},
    {"exporters.dropped", {}},
    {"alerts.fire",
     {{"alert", "UnbrokenTargetDown"}, {"match", "job=inventory"}, {"target", "inventory"}}},
    {"alerts.delivered",
     {{"alert", "UnbrokenTargetDown"}, {"match", "job=inventory"}, {"target", "inventory"}}},
    {"alertmanager.persistence", {}},
    {"health.semantics", {{"service", "orders"}, {"downstream", "inventory"}, {"within", "2s"}}},
    {"grafana.available", {}},
    {"grafana.datasources", {{"datasources", "unbroken-prometheus"}}},
    {"grafana.dashboards", {}},
};

std::vector<std::string> builtin_check_names() {
  CheckRegistry registry;
  register_builtin_checks(registry);
  return registry.names();
}

class NoAnswer : public ::testing::TestWithParam<std::string> {
 protected:
  // Every question, to every backend and service, times out.
  testing::FakeHttpTransport silent{[](const testing::RecordedRequest& r) -> HttpResponse {
    throw TransportError(r.base_url + r.path + ": timed out after 1000ms", true);
  }};
  testing::FakeClock clock;
};

TEST_P(NoAnswer, IsInconclusiveNamingTheQuestionNeverPassedOrFailed) {
  const auto& kind = GetParam();
  ASSERT_TRUE(kMinimalSpecs.contains(kind)) << "no minimal spec for " << kind;
  CheckRegistry registry;
  register_builtin_checks(registry);
  auto check = registry.create(testing::spec(kind, kMinimalSpecs.at(kind)), reference_system());

  // 40 requests from t=0, all succeeded, and inventory killed from 10 s to 20 s.
  const double t0 = 1'795'000'000;
  RequestLedger ledger;
  testing::succeed_one_a_second(ledger, 40, t0);
  auto ctx = testing::context_on(silent, t0, t0 + 40);
  ctx.clock = &clock;
  ctx.ledger = ledger.totals();
  ctx.requests = &ledger;
  ctx.windows = {testing::verified_window("kill inventory", "inventory", t0, 10, 20)};
  ctx.host_pressure = [] { return HostPressure{.load1 = 9.5, .cores = 2}; };

  // The run's whole life, as the Runner drives it; no hook may throw for no answer.
  check->before_faults(ctx);
  check->on_fault_injected(ctx, "inventory");
  if (check->watches_continuously()) check->while_running(ctx);
  check->on_fault_healed(ctx, "inventory");

  const auto verdict = evaluate_check(*check, ctx, clock);
  EXPECT_EQ(verdict.status, VerdictStatus::kInconclusive) << kind << ": " << verdict.reason;
  EXPECT_THAT(verdict.reason, AnyOf(HasSubstr("no answer"), HasSubstr("timed out")))
      << kind << ": " << verdict.reason;
}

INSTANTIATE_TEST_SUITE_P(EveryCheck, NoAnswer, ::testing::ValuesIn(builtin_check_names()),
                         [](const ::testing::TestParamInfo<std::string>& kind) {
                           std::string name = kind.param;
                           std::replace(name.begin(), name.end(), '.', '_');
                           return name;
                         });

}  // namespace
}  // namespace unbroken
