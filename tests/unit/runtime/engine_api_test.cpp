// The engine API reader: a stats answer as Docker 20.10 on cgroup v1 gives it, the zero
// counters it leaves out, answers that are not stats, and engines it cannot reach.
#include "harness/runtime/engine_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/core/errors.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;

TEST(EngineApi, ReadsThrottlingAndMemoryCountersFromAStatsAnswer) {
  const auto stats = nlohmann::json::parse(R"({
    "cpu_stats": {"cpu_usage": {"total_usage": 93715398}, "online_cpus": 2,
                  "throttling_data": {"periods": 56, "throttled_periods": 54,
                                      "throttled_time": 6104765844}},
    "memory_stats": {"usage": 3063808, "max_usage": 3801088, "limit": 67108864, "failcnt": 7}
  })");
  const auto counters = parse_container_stats(stats);
  EXPECT_EQ(counters.cpu_periods, 56);
  EXPECT_EQ(counters.cpu_throttled_periods, 54);
  EXPECT_EQ(counters.memory_usage, 3063808);
  EXPECT_EQ(counters.memory_limit, 67108864);
  EXPECT_EQ(counters.memory_limit_hits, 7);
  EXPECT_TRUE(counters.read());
}

TEST(EngineApi, CountersTheEngineLeavesOutAreZero) {
  const auto counters = parse_container_stats(nlohmann::json::parse(
      R"({"cpu_stats": {"throttling_data": {}}, "memory_stats": {"usage": 10, "limit": 20}})"));
  EXPECT_EQ(counters.cpu_throttled_periods, 0);
  EXPECT_EQ(counters.memory_limit_hits, 0);
}

TEST(EngineApi, AnAnswerThatIsNotStatsIsRefusedNamingWhatIsMissing) {
  EXPECT_THROW(parse_container_stats(nlohmann::json::parse(R"({"message": "no such container"})")),
               std::invalid_argument);
  try {
    parse_container_stats(nlohmann::json::parse(
        R"({"cpu_stats": {"throttling_data": {"throttled_periods": "many"}}, "memory_stats": {}})"));
    FAIL() << "accepted a counter that is not a number";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("'cpu_stats.throttling_data.throttled_periods' is not a number"));
  }
}

TEST(EngineApi, AnEngineOverTcpIsNotReadAndSaysSo) {
  const EngineApi api("tcp://127.0.0.1:2375");
  const auto counters = api.counters("abc", Millis(1000));
  EXPECT_FALSE(counters.read());
  EXPECT_THAT(counters.unavailable, HasSubstr("tcp://127.0.0.1:2375 is not reached through a "
                                              "unix socket"));
}

TEST(EngineApi, ASocketNobodyServesIsAnErrorNamingTheEngine) {
  const EngineApi api("unix:///nonexistent/docker.sock");
  try {
    api.get("/version", Millis(1000));
    FAIL() << "read an engine that does not exist";
  } catch (const HarnessError& e) {
    EXPECT_THAT(e.what(), HasSubstr("GET /version from the engine at unix:///nonexistent/docker.sock"));
  }
}

}  // namespace
}  // namespace unbroken
