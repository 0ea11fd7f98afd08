#include "harness/scenario/random_choices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "harness/core/errors.h"
#include "harness/scenario/scenario_loader.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;

const char* kRandom = R"(name: random
workload: {duration: 60s}
timeline:
  - at: 8s..12s
    fault: kill
    target: [orders, inventory]
    for: 5s..10s
  - at: 30s
    fault: pause
    target: loki
    for: 5s
expectations: [{check: logs.completeness}]
)";

TEST(RandomChoices, TheSameSeedDrawsTheSameTimeline) {
  auto a = parse_scenario(kRandom, "r.yaml");
  auto b = parse_scenario(kRandom, "r.yaml");
  EXPECT_EQ(draw_random_choices(a, 42), draw_random_choices(b, 42));
  EXPECT_EQ(a.timeline[0].at, b.timeline[0].at);
  EXPECT_EQ(a.timeline[0].duration, b.timeline[0].duration);
  EXPECT_EQ(a.timeline[0].target, b.timeline[0].target);
}

TEST(RandomChoices, DrawsStayInTheirRangesAndSeedsDiffer) {
  std::set<std::string> targets;
  std::set<long> ats;
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    auto s = parse_scenario(kRandom, "r.yaml");
    const auto drawn = draw_random_choices(s, seed);
    ASSERT_EQ(drawn.size(), 3u);  // at, for, target of the first fault; the second is fixed
    const auto& f = s.timeline[0];
    EXPECT_GE(f.at.count(), 8'000);
    EXPECT_LE(f.at.count(), 12'000);
    EXPECT_GE(f.duration.count(), 5'000);
    EXPECT_LE(f.duration.count(), 10'000);
    EXPECT_EQ(s.timeline[1].at.count(), 30'000);
    EXPECT_EQ(f.at.count() % 100, 0);
    targets.insert(f.target);
    ats.insert(f.at.count());
  }
  EXPECT_EQ(targets, (std::set<std::string>{"orders", "inventory"}));
  EXPECT_GT(ats.size(), 25u);  // 41 possible times in 100 ms steps
}

TEST(RandomChoices, SaysWhatWasDrawnAndWhereItWasWritten) {
  auto s = parse_scenario(kRandom, "r.yaml");
  const auto drawn = draw_random_choices(s, 7);
  EXPECT_THAT(drawn[0], HasSubstr("timeline 1 (r.yaml:4:5): at "));
  EXPECT_THAT(drawn[0], HasSubstr("from 8s..12s"));
  EXPECT_THAT(drawn[2], HasSubstr("one of [orders, inventory]"));
}

TEST(RandomChoices, TheLatestPossibleHealMustFallWithinTheLoad) {
  try {
    parse_scenario(
        "name: x\nworkload: {duration: 20s}\ntimeline:\n"
        "  - {at: 5s..12s, fault: kill, target: loki, for: 5s..10s}\n"
        "expectations: [{check: logs.completeness}]\n",
        "x.yaml");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("heals as late as 22s but the load lasts 20s"));
  }
}

TEST(RandomChoices, ABackwardsRangeIsRejected) {
  EXPECT_THROW(parse_scenario("name: x\nworkload: {duration: 20s}\ntimeline:\n"
                              "  - {at: 9s..3s, fault: kill, target: loki, for: 1s}\n"
                              "expectations: [{check: logs.completeness}]\n",
                              "x.yaml"),
               ConfigError);
}

const char* kRepeated = R"(name: soak
workload: {duration: 100s}
timeline:
  - at: 10s
    fault: kill
    target: orders
    for: 5s
    repeat: every 30s
expectations: [{check: logs.completeness}]
)";

TEST(RepeatedFaults, AFixedIntervalRepeatsUntilAnOccurrenceWouldHealAfterTheLoad) {
  auto s = parse_scenario(kRepeated, "s.yaml");
  draw_random_choices(s, 1);
  ASSERT_EQ(s.timeline.size(), 3u);  // at 10s, 40s, 70s; at 100s it would heal at 105s
  EXPECT_EQ(s.timeline[0].at.count(), 10'000);
  EXPECT_EQ(s.timeline[1].at.count(), 40'000);
  EXPECT_EQ(s.timeline[2].at.count(), 70'000);
  for (const auto& f : s.timeline) {
    EXPECT_EQ(f.kind, "kill");
    EXPECT_EQ(f.target, "orders");
    EXPECT_FALSE(f.repeat.has_value());  // each occurrence is one fault with its own window
  }
}

TEST(RepeatedFaults, DrawnIntervalsStayInTheirRangeNeverOverlapAndFollowTheSeed) {
  const std::string text = R"(name: soak
workload: {duration: 10m}
timeline:
  - at: 30s..60s
    fault: pause
    target: [orders, inventory]
    for: 10s..20s
    repeat: every 1m..2m
expectations: [{check: logs.completeness}]
)";
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    auto s = parse_scenario(text, "s.yaml");
    auto again = parse_scenario(text, "s.yaml");
    EXPECT_EQ(draw_random_choices(s, seed), draw_random_choices(again, seed));
    ASSERT_GE(s.timeline.size(), 4u);  // at most 60s + 3 × 2m before the 4th
    for (std::size_t i = 0; i < s.timeline.size(); ++i) {
      const auto& f = s.timeline[i];
      EXPECT_EQ(f.at, again.timeline[i].at);
      EXPECT_LE((f.at + f.duration).count(), 600'000);
      EXPECT_GE(f.duration.count(), 10'000);
      EXPECT_LE(f.duration.count(), 20'000);
      if (i == 0) continue;
      const auto gap = f.at - s.timeline[i - 1].at;
      EXPECT_GE(gap.count(), 60'000);
      EXPECT_LE(gap.count(), 120'000);
      EXPECT_GT(f.at, s.timeline[i - 1].at + s.timeline[i - 1].duration);
    }
  }
}

TEST(RepeatedFaults, EachOccurrenceIsNamedInWhatWasDrawn) {
  auto s = parse_scenario(kRepeated, "s.yaml");
  const auto drawn = draw_random_choices(s, 1);
  ASSERT_EQ(drawn.size(), 2u);
  EXPECT_EQ(drawn[0], "timeline 1 (s.yaml:4:5) occurrence 2: at 40s, 30s after the one before");
}

TEST(RepeatedFaults, AnIntervalNoLongerThanTheFaultIsRefusedWhereItIsWritten) {
  try {
    parse_scenario(
        "name: x\nworkload: {duration: 60s}\ntimeline:\n"
        "  - {at: 5s, fault: kill, target: loki, for: 5s..10s, repeat: every 8s..20s}\n"
        "expectations: [{check: logs.completeness}]\n",
        "x.yaml");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("x.yaml:4:"));
    EXPECT_THAT(e.what(), HasSubstr("'repeat: every 8s' is not longer than the fault lasts (10s)"));
  }
}

TEST(RepeatedFaults, ARepeatWithoutEveryIsRefused) {
  try {
    parse_scenario(
        "name: x\nworkload: {duration: 60s}\ntimeline:\n"
        "  - {at: 5s, fault: kill, target: loki, for: 5s, repeat: 20s}\n"
        "expectations: [{check: logs.completeness}]\n",
        "x.yaml");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("'repeat' must read 'every <duration>'"));
  }
}

}  // namespace
}  // namespace unbroken
