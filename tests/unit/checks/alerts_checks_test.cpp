#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/checks/alerts_delivered.h"
#include "harness/checks/alerts_fire.h"
#include "tests/unit/checks/check_test_support.h"

namespace unbroken {
namespace {

using testing::context_over;
using testing::FakePrometheus;
using ::testing::HasSubstr;
using testing::samples_every_second;
using testing::spec;

constexpr double kT = 1'795'000'000;  // the run's observation starts here

const Labels kInventoryDown{{"__name__", "ALERTS"},
                            {"alertname", "UnbrokenTargetDown"},
                            {"alertstate", "firing"},
                            {"job", "inventory"}};

// The run observed [kT, kT + 40]; inventory was killed at +10 and started at +25.
CheckContext run_context(FakePrometheus& prom) {
  auto ctx = context_over(prom, kT, kT + 40);
  ctx.windows = {{"kill inventory with SIGKILL", "inventory", from_unix_seconds(kT + 10),
                  from_unix_seconds(kT + 25), true, true}};
  return ctx;
}

// A system whose rules files cannot say which alerts exist (alert_rules.h).
const System kRulesUnknown;

AlertsFire fire_check() {
  return AlertsFire(spec("alerts.fire", {{"alert", "UnbrokenTargetDown"},
                                         {"match", "job=inventory"},
                                         {"fire_within", "10s"},
                                         {"resolve_within", "10s"}}),
                    kRulesUnknown);
}

TEST(AlertsFire, AnAlertThatNoRuleOfTheRunsPrometheusDefinesIsAConfigError) {
  FakePrometheus prom;
  prom.alerting_rules = {"UnbrokenHighErrorRate"};
  auto check = fire_check();
  try {
    check.before_faults(run_context(prom));
    FAIL() << "an alert that cannot fire was accepted";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(),
                HasSubstr("alert 'UnbrokenTargetDown' is not an alerting rule of the "
                          "run's Prometheus (its alerting rules: UnbrokenHighErrorRate)"));
  }
  AlertsDelivered delivered(spec("alerts.delivered", {{"alert", "UnbrokenTargetDown"}}),
                            kRulesUnknown);
  EXPECT_THROW(delivered.before_faults(run_context(prom)), ConfigError);
}

TEST(AlertsFire, AnAlertThatARuleDefinesIsAccepted) {
  FakePrometheus prom;
  prom.alerting_rules = {"UnbrokenHighErrorRate", "UnbrokenTargetDown"};
  auto check = fire_check();
  EXPECT_NO_THROW(check.before_faults(run_context(prom)));
}

TEST(AlertsFire, PassesWhenTheAlertFiresAfterTheFaultAndResolvesAfterTheHeal) {
  FakePrometheus prom;
  prom.series = {{kInventoryDown, samples_every_second(kT + 14, kT + 26)}};
  auto check = fire_check();
  const auto ctx = run_context(prom);
  EXPECT_TRUE(check.settled(ctx));
  const auto v = check.evaluate(ctx);
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("fired 4s after the fault and resolved 2s after the heal"));
  EXPECT_DOUBLE_EQ(v.evidence["windows"][0]["fire_latency_seconds"].get<double>(), 4.0);
}

// inventory killed twice: +10 to +25 and +40 to +55; the run observed [kT, kT + 80].
CheckContext two_outages(FakePrometheus& prom) {
  auto ctx = context_over(prom, kT, kT + 80);
  ctx.windows = {{"kill inventory with SIGKILL", "inventory", from_unix_seconds(kT + 10),
                  from_unix_seconds(kT + 25), true, true},
                 {"kill inventory with SIGKILL", "inventory", from_unix_seconds(kT + 40),
                  from_unix_seconds(kT + 55), true, true}};
  return ctx;
}

TEST(AlertsFire, TwoOutagesOnAHealthyStackAreTwoEpisodesEachJudgedOnItsOwn) {
  FakePrometheus prom;
  auto firing = samples_every_second(kT + 14, kT + 26);
  const auto second = samples_every_second(kT + 44, kT + 56);
  firing.insert(firing.end(), second.begin(), second.end());
  prom.series = {{kInventoryDown, firing}};
  const auto v = fire_check().evaluate(two_outages(prom));
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("answered each of 2 faults"));
  EXPECT_EQ(v.evidence["episodes"].size(), 2u);
}

TEST(AlertsFire, TheSecondOutageWithoutItsOwnAlertFails) {
  FakePrometheus prom;
  prom.series = {{kInventoryDown, samples_every_second(kT + 14, kT + 26)}};
  const auto v = fire_check().evaluate(two_outages(prom));
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("did not fire for kill inventory with SIGKILL"));
}

TEST(AlertsFire, AnEpisodeInNoFaultWindowIsAFalseAlarm) {
  FakePrometheus prom;
  auto firing = samples_every_second(kT + 14, kT + 26);
  const auto stray = samples_every_second(kT + 60, kT + 63);
  firing.insert(firing.end(), stray.begin(), stray.end());
  prom.series = {{kInventoryDown, firing}};
  auto ctx = run_context(prom);
  ctx.now = from_unix_seconds(kT + 80);
  const auto v = fire_check().evaluate(ctx);
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("in no fault window: a false alarm"));
}

TEST(AlertsFire, FailsWhenTheAlertNeverFires) {
  FakePrometheus prom;  // a rule that can never be true leaves no firing sample
  const auto v = fire_check().evaluate(run_context(prom));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("UnbrokenTargetDown{job=\"inventory\"} never fired"));
}

TEST(AlertsFire, FailsOnAFalseAlarmBeforeTheFault) {
  FakePrometheus prom;
  prom.series = {{kInventoryDown, samples_every_second(kT + 2, kT + 26)}};
  const auto v = fire_check().evaluate(run_context(prom));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("before the fault was injected: a false alarm"));
}

TEST(AlertsFire, FailsWhenTheAlertFiresTooLateOrNeverResolves) {
  FakePrometheus late;
  late.series = {{kInventoryDown, samples_every_second(kT + 22, kT + 26)}};
  EXPECT_THAT(fire_check().evaluate(run_context(late)).reason, HasSubstr("later than 10s"));
  FakePrometheus stuck;
  stuck.series = {{kInventoryDown, samples_every_second(kT + 14, kT + 45)}};
  const auto v = fire_check().evaluate(run_context(stuck));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("did not resolve within 10s of the heal"));
}

std::string notification(double at, const std::string& status, const std::string& job) {
  return fmt::format(
      R"({{"received_at_ms": {}, "notification": {{"status": "{}", "alerts": [{{"status": "{}",
         "labels": {{"alertname": "UnbrokenTargetDown", "job": "{}"}}}}]}}}})",
      static_cast<long long>(at * 1000), status, status, job);
}

AlertsDelivered delivered_check() {
  return AlertsDelivered(
      spec("alerts.delivered", {{"alert", "UnbrokenTargetDown"}, {"match", "job=inventory"}}),
      kRulesUnknown);
}

TEST(AlertsDelivered, PassesWhenFiringAndResolvedEachArriveOnce) {
  FakePrometheus prom;
  prom.notifications = "[" + notification(kT + 15, "firing", "inventory") + "," +
                       notification(kT + 16, "firing", "orders") + "," +
                       notification(kT + 28, "resolved", "inventory") + "]";
  auto check = delivered_check();
  const auto ctx = run_context(prom);
  EXPECT_TRUE(check.settled(ctx));
  const auto v = check.evaluate(ctx);
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_DOUBLE_EQ(v.evidence["instances"][0]["resolved_delay_after_heal_seconds"][0].get<double>(),
                   3.0);
}

TEST(AlertsDelivered, TwoOutagesOnAHealthyStackAreTwoPairsOfNotifications) {
  FakePrometheus prom;
  prom.notifications = "[" + notification(kT + 15, "firing", "inventory") + "," +
                       notification(kT + 28, "resolved", "inventory") + "," +
                       notification(kT + 45, "firing", "inventory") + "," +
                       notification(kT + 58, "resolved", "inventory") + "]";
  auto check = delivered_check();
  EXPECT_TRUE(check.settled(two_outages(prom)));
  EXPECT_EQ(check.evaluate(two_outages(prom)).status, VerdictStatus::kPassed);
  // The same four notifications for one outage are two of each: duplicates.
  EXPECT_EQ(check.evaluate(run_context(prom)).status, VerdictStatus::kFailed);
}

TEST(AlertsDelivered, FailsOnADuplicateOrAMissingResolution) {
  FakePrometheus twice;
  twice.notifications = "[" + notification(kT + 15, "firing", "inventory") + "," +
                        notification(kT + 17, "firing", "inventory") + "," +
                        notification(kT + 28, "resolved", "inventory") + "]";
  const auto dup = delivered_check().evaluate(run_context(twice));
  EXPECT_EQ(dup.status, VerdictStatus::kFailed);
  EXPECT_THAT(dup.reason, HasSubstr("delivered firing 2 times"));

  FakePrometheus unresolved;
  unresolved.notifications = "[" + notification(kT + 15, "firing", "inventory") + "]";
  auto check = delivered_check();
  EXPECT_FALSE(check.settled(run_context(unresolved)));
  EXPECT_THAT(check.evaluate(run_context(unresolved)).reason,
              HasSubstr("delivered resolved 0 times"));
}

TEST(AlertsDelivered, FailsWhenNothingArrived) {
  FakePrometheus prom;
  const auto v = delivered_check().evaluate(run_context(prom));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("no notification for UnbrokenTargetDown"));
}

TEST(AlertSelection, MatchMustBeLabelPairs) {
  EXPECT_THROW(
      AlertsFire(spec("alerts.fire", {{"alert", "X"}, {"match", "inventory"}}), kRulesUnknown),
      ConfigError);
  EXPECT_THROW(AlertsFire(spec("alerts.fire", {{"match", "job=x"}}), kRulesUnknown), ConfigError);
}

// The system's rules files decide, before anything starts, whether the alert can exist.
System system_with_rules(std::set<std::string> names) {
  System system;
  system.name = "reference";
  system.alert_rules = AlertRules{std::move(names), {"/x/rules/unbroken.rules.yml"}};
  return system;
}

TEST(AlertSelection, AnAlertTheSystemsRulesFilesDefineIsAccepted) {
  const auto system = system_with_rules({"UnbrokenTargetDown", "UnbrokenSlow"});
  EXPECT_NO_THROW(AlertsFire(spec("alerts.fire", {{"alert", "UnbrokenTargetDown"}}), system));
  EXPECT_NO_THROW(AlertsDelivered(spec("alerts.delivered", {{"alert", "UnbrokenSlow"}}), system));
}

TEST(AlertSelection, AnAlertNoRulesFileDefinesIsRefusedWithTheRulesThatExist) {
  const auto system = system_with_rules({"UnbrokenTargetDown"});
  for (const auto* kind : {"alerts.fire", "alerts.delivered"}) {
    try {
      if (std::string(kind) == "alerts.fire") {
        AlertsFire(spec(kind, {{"alert", "UnbrokenTargetDwn"}}), system);
      } else {
        AlertsDelivered(spec(kind, {{"alert", "UnbrokenTargetDwn"}}), system);
      }
      ADD_FAILURE() << kind << " accepted an alert no rule defines";
    } catch (const ConfigError& e) {
      EXPECT_THAT(e.what(), HasSubstr("alert 'UnbrokenTargetDwn' is not an alerting rule"));
      EXPECT_THAT(e.what(), HasSubstr("UnbrokenTargetDown (from /x/rules/unbroken.rules.yml)"));
    }
  }
}

}  // namespace
}  // namespace unbroken
