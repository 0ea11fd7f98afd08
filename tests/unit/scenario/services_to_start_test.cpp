#include "harness/scenario/services_to_start.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/scenario/scenario_loader.h"
#include "tests/support/reference_system.h"

namespace unbroken {
namespace services_to_start_test {
namespace {

using Names = std::vector<std::string>;

// The reference system declares alertmanager, webhook and grafana `start: when_needed`.
class ServicesToStart : public ::testing::Test {
 protected:
  void SetUp() override { register_builtin_checks(checks); }
  Names left_out(const std::string& body) const {
    return services_left_out(
        parse_scenario("name: t\nworkload: {rate_per_s: 10, duration: 10s}\n" + body, "t.yaml"),
        reference_system(), checks);
  }
  CheckRegistry checks;
};

TEST_F(ServicesToStart, AScenarioOfMetricsTracesAndLogsLeavesAlertingAndGrafanaOut) {
  EXPECT_EQ(left_out("expectations:\n"
                     "  - {check: metrics.continuity, selector: up}\n"
                     "  - {check: logs.completeness, services: gateway}\n"
                     "  - {check: traces.completeness, services: gateway}\n"),
            (Names{"alertmanager", "webhook", "grafana"}));
}

// Beside it: each of the three is started when a check reads it.
TEST_F(ServicesToStart, ACheckThatReadsABackendStartsIt) {
  EXPECT_EQ(left_out("expectations: [{check: grafana.available}]\n"),
            (Names{"alertmanager", "webhook"}));
  EXPECT_EQ(left_out("expectations: [{check: alertmanager.persistence}]\n"),
            (Names{"webhook", "grafana"}));
}

// Notifications reach the webhook through Alertmanager (the alert path): judging their
// delivery starts both. alerts.fire reads Prometheus's own alerts and starts neither.
TEST_F(ServicesToStart, TheAlertPathToANeededReceiverIsStartedWholeButNotForAlertsFire) {
  EXPECT_EQ(left_out("expectations: [{check: alerts.delivered, alert: UnbrokenTargetDown}]\n"),
            Names{"grafana"});
  EXPECT_EQ(left_out("expectations: [{check: alerts.fire, alert: UnbrokenTargetDown}]\n"),
            (Names{"alertmanager", "webhook", "grafana"}));
}

// Every scraped service's metrics path ends at Prometheus, which every run needs: that makes
// no scraped service needed (else Grafana would start for every metrics check).
TEST_F(ServicesToStart, AMetricsPathToPrometheusDoesNotMakeItsEmitterNeeded) {
  ASSERT_TRUE(reference_system().signals.metrics.path_of("grafana").passes("grafana"));
  EXPECT_EQ(left_out("expectations: [{check: metrics.accounting, counter: up}]\n"),
            (Names{"alertmanager", "webhook", "grafana"}));
}

TEST_F(ServicesToStart, AFaultsTargetOrAnyTargetItMayDrawIsStarted) {
  EXPECT_EQ(left_out("timeline: [{at: 1s, fault: kill, target: grafana, for: 2s}]\n"
                     "expectations: [{check: metrics.continuity, selector: up}]\n"),
            (Names{"alertmanager", "webhook"}));
  EXPECT_EQ(left_out("timeline: [{at: 1s, fault: kill, target: [gateway, alertmanager], "
                     "for: 2s}]\nexpectations: [{check: metrics.continuity, selector: up}]\n"),
            (Names{"webhook", "grafana"}));
}

// A needed Grafana queries the system's other backends, its data sources: one declared
// `start: when_needed` starts with it, and only with it.
TEST_F(ServicesToStart, ANeededGrafanaStartsItsDataSources) {
  auto system = reference_system();
  for (auto& service : system.services) {
    if (service.name == "loki") service.start_when_needed = true;
  }
  const auto left_out_of = [&](const std::string& expectations) {
    return services_left_out(
        parse_scenario("name: t\nworkload: {rate_per_s: 10, duration: 10s}\n" + expectations,
                       "t.yaml"),
        system, checks);
  };
  EXPECT_EQ(left_out_of("expectations: [{check: grafana.datasources}]\n"),
            (Names{"alertmanager", "webhook"}));
  EXPECT_EQ(left_out_of("expectations: [{check: metrics.continuity, selector: up}]\n"),
            (Names{"alertmanager", "webhook", "loki", "grafana"}));
}

// A parameter that names a service starts it (and, for the webhook, the alert path to it).
TEST_F(ServicesToStart, AParameterThatNamesAServiceStartsIt) {
  EXPECT_EQ(left_out("expectations: [{check: logs.completeness, services: [gateway, webhook]}]\n"),
            Names{"grafana"});
  EXPECT_EQ(left_out("expectations: [{check: logs.completeness, services: 'gateway, grafana'}]\n"),
            (Names{"alertmanager", "webhook"}));
}

}  // namespace
}  // namespace services_to_start_test
}  // namespace unbroken
