// TracesSeenComplete: marks by seq with the time of the look that left them, and a sample of
// them spread over the run that always holds the first and the last mark after a moment.
#include "harness/checks/traces_seen_complete.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace unbroken {
namespace {

using ::testing::ElementsAre;

TimePoint at(double s) {
  return from_unix_seconds(1'700'000'000 + s);
}

TEST(TracesSeenComplete, AMarkCarriesTheTimeOfTheLookThatLeftIt) {
  TracesSeenComplete seen;
  seen.looked_up(10, at(1), {0, 3, 9});
  seen.looked_up(20, at(2), {10, 15});
  EXPECT_EQ(seen.looked_up_to(), 20U);
  EXPECT_EQ(seen.count(), 5U);
  EXPECT_EQ(seen.seen_at(9), at(1));
  EXPECT_EQ(seen.seen_at(10), at(2));
  EXPECT_EQ(seen.seen_at(1), std::nullopt);   // looked at, not complete
  EXPECT_EQ(seen.seen_at(25), std::nullopt);  // never looked at
}

TEST(TracesSeenComplete, ALookAtWhatWasLookedAtAlreadyChangesNothing) {
  TracesSeenComplete seen;
  seen.looked_up(10, at(1), {0});
  seen.looked_up(5, at(2), {1});
  EXPECT_EQ(seen.count(), 1U);
  EXPECT_EQ(seen.looked_up_to(), 10U);
}

TEST(TracesSeenComplete, TheSampleSpreadsOverTheMarksWithTheFirstAndTheLast) {
  TracesSeenComplete seen;
  std::vector<std::uint64_t> all;
  for (std::uint64_t seq = 0; seq < 100; ++seq) all.push_back(seq);
  seen.looked_up(100, at(1), all);
  EXPECT_THAT(seen.sample(5, at(0)), ElementsAre(0, 24, 49, 74, 99));
}

TEST(TracesSeenComplete, TheSampleHoldsEveryMarkWhenThereAreNoMoreThanAsked) {
  TracesSeenComplete seen;
  seen.looked_up(10, at(1), {2, 5, 7});
  EXPECT_THAT(seen.sample(32, at(0)), ElementsAre(2, 5, 7));
}

TEST(TracesSeenComplete, TheSampleTakesOnlyMarksFromLooksAfterTheMomentGiven) {
  TracesSeenComplete seen;
  seen.looked_up(10, at(1), {0, 4});
  seen.looked_up(20, at(3), {12, 18});
  EXPECT_THAT(seen.sample(32, at(2)), ElementsAre(12, 18));
  EXPECT_TRUE(seen.sample(32, at(3)).empty());
}

}  // namespace
}  // namespace unbroken
