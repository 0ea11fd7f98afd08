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

}  // namespace
}  // namespace unbroken
