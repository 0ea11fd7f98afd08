#include "harness/scenario/scenario_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/core/errors.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;

const char* kValid = R"(name: demo
seed: 7
stack:
  scrape_interval: 1s
  overrides: [overrides/x.yml]
workload:
  rate_per_s: 20
  duration: 30s
timeline:
  - at: 10s
    fault: kill
    target: prometheus
    for: 5s
    signal: SIGTERM
expectations:
  - check: metrics.continuity
    selector: up
)";

std::string error_of(const std::string& text) {
  try {
    parse_scenario(text, "s.yaml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ScenarioLoader, LoadsAValidScenario) {
  const auto s = parse_scenario(kValid, "s.yaml");
  EXPECT_EQ(s.name, "demo");
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.load.rate_per_s, 20);
  EXPECT_EQ(s.load.duration, Millis(30'000));
  ASSERT_EQ(s.timeline.size(), 1u);
  EXPECT_EQ(s.timeline[0].kind, "kill");
  EXPECT_EQ(s.timeline[0].at, Millis(10'000));
  EXPECT_EQ(s.timeline[0].duration, Millis(5'000));
  EXPECT_TRUE(s.timeline[0].declared);
  EXPECT_EQ(s.timeline[0].params.string_or("signal", ""), "SIGTERM");
  EXPECT_EQ(s.timeline[0].where.line, 10);
  ASSERT_EQ(s.expectations.size(), 1u);
  EXPECT_EQ(s.expectations[0].params.required_string("selector"), "up");
  ASSERT_EQ(s.stack.overrides.size(), 1u);
}

TEST(ScenarioLoader, TheShippedScenarioLoads) {
  const auto s = load_scenario(UNBROKEN_SOURCE_DIR "/scenarios/chaos/prometheus-recovery.yaml");
  EXPECT_EQ(s.name, "prometheus-recovery");
  EXPECT_EQ(s.expectations.size(), 3u);
}

TEST(ScenarioLoader, UnknownKeyNamesFileLineAndColumnAndTheKeysExpected) {
  EXPECT_THAT(error_of("name: x\nworkload: {duration: 5s}\nexpectatons: []\n"),
              HasSubstr("s.yaml:3:1: unknown key 'expectatons' in a scenario (expected one of:"));
}

TEST(ScenarioLoader, BadDurationPointsAtTheValue) {
  const auto e =
      error_of("name: x\nworkload:\n  duration: ten seconds\nexpectations: [{check: a}]\n");
  EXPECT_THAT(e, HasSubstr("s.yaml:3:13: 'workload.duration'"));
  EXPECT_THAT(e, HasSubstr("a duration such as"));
}

TEST(ScenarioLoader, YamlSyntaxErrorsAreLocated) {
  EXPECT_THAT(error_of("name: x\nworkload: [\n"), HasSubstr("s.yaml:3:1: not valid YAML"));
}

TEST(ScenarioLoader, TheLoadMustBeBounded) {
  EXPECT_THAT(error_of("name: x\nworkload: {rate_per_s: 5}\nexpectations: [{check: a}]\n"),
              HasSubstr("needs a 'duration'"));
}

TEST(ScenarioLoader, ARunMustVerifySomething) {
  EXPECT_THAT(error_of("name: x\nworkload: {duration: 5s}\n"), HasSubstr("needs 'expectations'"));
  EXPECT_THAT(error_of("name: x\nworkload: {duration: 5s}\nexpectations: []\n"),
              HasSubstr("s.yaml:3:15: 'expectations' is empty"));
}

TEST(ScenarioLoader, FaultsMustHealWhileTheLoadRuns) {
  EXPECT_THAT(error_of("name: x\nworkload: {duration: 20s}\ntimeline:\n"
                       "  - {at: 15s, fault: kill, target: prometheus, for: 10s}\n"
                       "expectations: [{check: a}]\n"),
              HasSubstr("s.yaml:4:5: this fault heals at 25s but the load lasts 20s"));
}

TEST(ScenarioLoader, TimelineEntriesNeedTheirKeys) {
  EXPECT_THAT(error_of("name: x\nworkload: {duration: 20s}\ntimeline:\n"
                       "  - {at: 5s, fault: kill, for: 10s}\nexpectations: [{check: a}]\n"),
              HasSubstr("s.yaml:4:5: timeline entry needs 'target'"));
}

TEST(ScenarioLoader, RateMustBePositive) {
  EXPECT_THAT(
      error_of("name: x\nworkload: {duration: 5s, rate_per_s: 0}\nexpectations: [{check: a}]\n"),
      HasSubstr("'workload.rate_per_s' must be a positive number"));
}

TEST(ScenarioLoader, MissingFileIsAConfigError) {
  EXPECT_THROW(load_scenario("/nonexistent/scenario.yaml"), ConfigError);
}

}  // namespace
}  // namespace unbroken
