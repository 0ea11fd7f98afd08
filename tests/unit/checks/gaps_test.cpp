#include "harness/checks/gaps.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

std::vector<PromSample> every_second(double from, double to) {
  std::vector<PromSample> samples;
  for (double t = from; t <= to; t += 1.0) samples.push_back({t, 1});
  return samples;
}

FaultWindow window(double start, double end, bool declared = true) {
  return {"kill prometheus with SIGKILL", "prometheus", from_unix_seconds(start),
          from_unix_seconds(end), declared};
}

TEST(FindGaps, SteadySamplesHaveNoGap) {
  EXPECT_TRUE(find_gaps(every_second(100, 160), 100, 160, 2.5).empty());
}

TEST(FindGaps, OneMissingScrapeIsNotAGapButThreeAre) {
  auto samples = every_second(100, 120);
  std::erase_if(samples, [](const PromSample& s) { return s.t == 105; });
  EXPECT_TRUE(find_gaps(samples, 100, 120, 2.5).empty());
  std::erase_if(samples, [](const PromSample& s) { return s.t == 106 || s.t == 107; });
  const auto gaps = find_gaps(samples, 100, 120, 2.5);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_DOUBLE_EQ(gaps[0].from, 104);
  EXPECT_DOUBLE_EQ(gaps[0].to, 108);
}

TEST(FindGaps, ReportsLeadingAndTrailingGapsAsOpen) {
  const auto gaps = find_gaps(every_second(110, 150), 100, 160, 2.5);
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_TRUE(gaps[0].open_start);
  EXPECT_DOUBLE_EQ(gaps[0].to, 110);
  EXPECT_TRUE(gaps[1].open_end);
  EXPECT_DOUBLE_EQ(gaps[1].from, 150);
}

TEST(FindGaps, NoSampleAtAllIsOneGapOverTheWholeRange) {
  const auto gaps = find_gaps({}, 100, 160, 2.5);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_DOUBLE_EQ(gaps[0].seconds(), 60);
}

TEST(AttributeGaps, GapInsideADeclaredWindowIsExpected) {
  const auto a = attribute_gaps({{109.5, 123, false, false}}, {window(110, 120)}, 2.5, 5);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].window, 0u);
}

TEST(AttributeGaps, GapOutsideEveryWindowIsUnexpected) {
  const auto a = attribute_gaps({{140, 150, false, false}}, {window(110, 120)}, 2.5, 5);
  EXPECT_FALSE(a[0].window.has_value());
}

TEST(AttributeGaps, RecoveryBeyondTheAllowanceIsUnexpected) {
  // Healed at 120; data came back at 126 with a 5 s allowance.
  const auto a = attribute_gaps({{109.5, 126, false, false}}, {window(110, 120)}, 2.5, 5);
  EXPECT_FALSE(a[0].window.has_value());
}

TEST(AttributeGaps, GapStartingBeforeTheFaultIsUnexpected) {
  const auto a = attribute_gaps({{100, 115, false, false}}, {window(110, 120)}, 2.5, 5);
  EXPECT_FALSE(a[0].window.has_value());
}

TEST(AttributeGaps, AnUndeclaredWindowExcusesNothing) {
  const auto a = attribute_gaps({{109.5, 121, false, false}}, {window(110, 120, false)}, 2.5, 5);
  EXPECT_FALSE(a[0].window.has_value());
}

TEST(AttributeGaps, OpenGapsAreNeverExcused) {
  const auto a = attribute_gaps({{110, 121, false, true}}, {window(110, 120)}, 2.5, 5);
  EXPECT_FALSE(a[0].window.has_value());
}

}  // namespace
}  // namespace unbroken
