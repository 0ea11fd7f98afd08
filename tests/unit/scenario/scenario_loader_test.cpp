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
              HasSubstr("s.yaml:3:1: unknown key 'expectatons' for a scenario (its keys:"));
}

TEST(ScenarioLoader, BadDurationPointsAtTheValue) {
  const auto e =
      error_of("name: x\nworkload:\n  duration: ten seconds\nexpectations: [{check: a}]\n");
  EXPECT_THAT(e, HasSubstr("s.yaml:3:13: 'duration': 'ten seconds' is not a duration"));
  EXPECT_THAT(e, HasSubstr("a duration such as"));
}

TEST(ScenarioLoader, YamlSyntaxErrorsAreLocated) {
  EXPECT_THAT(error_of("name: x\nworkload: [\n"), HasSubstr("s.yaml:3:1: not valid YAML"));
}

TEST(ScenarioLoader, TheLoadMustBeBounded) {
  EXPECT_THAT(error_of("name: x\nworkload: {rate_per_s: 5}\nexpectations: [{check: a}]\n"),
              HasSubstr("'workload' needs 'duration'"));
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
              HasSubstr("s.yaml:4:5: a timeline entry needs 'target'"));
}

TEST(ScenarioLoader, RateMustBePositive) {
  EXPECT_THAT(
      error_of("name: x\nworkload: {duration: 5s, rate_per_s: 0}\nexpectations: [{check: a}]\n"),
      HasSubstr("'workload.rate_per_s' must be a positive number"));
}

TEST(ScenarioLoader, MissingFileIsAConfigError) {
  EXPECT_THROW(load_scenario("/nonexistent/scenario.yaml"), ConfigError);
}

TEST(ScenarioLoader, RequestTemplatesAndSuccessStatusesAreRead) {
  const auto s = parse_scenario(R"(name: x
workload:
  duration: 5s
  requests:
    - {method: POST, path: "/orders/{seq}", body: '{"sku": 1}', headers: {X-Shop: a}, weight: 3}
    - {path: /items}
  success: [200, 201]
expectations: [{check: a}]
)",
                                "s.yaml");
  ASSERT_EQ(s.load.requests.size(), 2u);
  EXPECT_EQ(s.load.requests[0].describe(), "POST /orders/{seq}");
  EXPECT_EQ(s.load.requests[0].weight, 3u);
  EXPECT_EQ(s.load.requests[0].headers.begin()->second, "a");
  EXPECT_EQ(s.load.requests[1].method, "GET");
  EXPECT_EQ(s.load.success_statuses, (std::vector<int>{200, 201}));
}

TEST(ScenarioLoader, RequestTemplatesTheDriverCouldNotHonourAreRefusedAtTheValue) {
  const auto with = [](const std::string& requests) {
    return error_of("name: x\nworkload:\n  duration: 5s\n  requests:\n    - " + requests +
                    "\nexpectations: [{check: a}]\n");
  };
  EXPECT_THAT(with("{path: /a, headers: {traceparent: x}}"),
              HasSubstr("s.yaml:5:28: 'traceparent' is set by the load driver"));
  EXPECT_THAT(with("{path: /a, body: x}"),
              HasSubstr("s.yaml:5:24: a GET request carries no 'body'"));
  EXPECT_THAT(with("{path: a}"), HasSubstr("s.yaml:5:14: 'path' must start with '/'"));
  EXPECT_THAT(with("{path: /a, method: FETCH}"), HasSubstr("'method' must be one of: GET, POST"));
  EXPECT_THAT(with("{path: /a, weight: 0}"), HasSubstr("'weight' must be 1..1000"));
  EXPECT_THAT(error_of("name: x\nworkload: {duration: 5s, path: /a, requests: [{path: /b}]}\n"
                       "expectations: [{check: a}]\n"),
              HasSubstr("give either 'path' or 'requests', not both"));
  EXPECT_THAT(error_of("name: x\nworkload: {duration: 5s, success: [200, 600]}\n"
                       "expectations: [{check: a}]\n"),
              HasSubstr("s.yaml:2:41: an HTTP status is 100..599"));
}

}  // namespace
}  // namespace unbroken
