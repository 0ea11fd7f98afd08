#include "harness/checks/gaps.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

std::vector<PromSample> every_second(double from, double to) {
  std::vector<PromSample> samples;
  for (double t = from; t <= to; t += 1.0) samples.push_back({t, 1});
  return samples;
}

FaultWindow window(double start, double end, bool declared = true,
                   const std::string& target = "prometheus") {
  return {"kill " + target + " with SIGKILL",
          target,
          from_unix_seconds(start),
          from_unix_seconds(end),
          declared,
          true};
}

const SignalPath kGatewaySeries{"metrics of gateway", {"gateway", "prometheus"}};

std::vector<GapAttribution> attribute(const std::vector<Gap>& gaps,
                                      const std::vector<FaultWindow>& windows) {
  return attribute_gaps(gaps, kGatewaySeries, windows, 2.5, Millis(5000));
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
  const auto a = attribute({{109.5, 123, false, false}}, {window(110, 120)});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].attribution.excused_by, 0u);
}

TEST(AttributeGaps, GapOutsideEveryWindowIsUnexpected) {
  const auto a = attribute({{140, 150, false, false}}, {window(110, 120)});
  EXPECT_FALSE(a[0].attribution.excused());
}

TEST(AttributeGaps, RecoveryBeyondTheAllowanceIsUnexpected) {
  // Healed at 120; data came back at 126 with a 5 s allowance.
  const auto a = attribute({{109.5, 126, false, false}}, {window(110, 120)});
  EXPECT_FALSE(a[0].attribution.excused());
}

TEST(AttributeGaps, GapStartingBeforeTheFaultIsUnexpected) {
  const auto a = attribute({{100, 115, false, false}}, {window(110, 120)});
  EXPECT_FALSE(a[0].attribution.excused());
}

TEST(AttributeGaps, AnUndeclaredWindowExcusesNothing) {
  const auto a = attribute({{109.5, 121, false, false}}, {window(110, 120, false)});
  EXPECT_FALSE(a[0].attribution.excused());
}

TEST(AttributeGaps, OpenGapsAreNeverExcused) {
  const auto a = attribute({{110, 121, false, true}}, {window(110, 120)});
  EXPECT_FALSE(a[0].attribution.excused());
}

TEST(AttributeGaps, AFaultOffTheSeriesPathExcusesNothing) {
  // Loki was killed: a gap in gateway's series is not Loki's doing.
  const auto a = attribute({{109.5, 123, false, false}}, {window(110, 120, true, "loki")});
  EXPECT_FALSE(a[0].attribution.excused());
  EXPECT_NE(a[0].attribution.explain({window(110, 120, true, "loki")}).find("metrics of gateway"),
            std::string::npos);
}

TEST(AttributeGaps, AnUndeclaredFaultOnThePathOutweighsADeclaredOne) {
  // Declared: Prometheus killed 110–120. Undeclared: gateway killed 118–119, inside it.
  const std::vector<FaultWindow> windows{window(110, 120), window(118, 119, false, "gateway")};
  const auto a = attribute({{109.5, 123, false, false}}, windows);
  EXPECT_FALSE(a[0].attribution.excused());
  EXPECT_EQ(a[0].attribution.blamed_on, 1u);
  EXPECT_EQ(attribute({{109.5, 123, false, false}}, {windows[0]})[0].attribution.excused_by, 0u);
}

}  // namespace
}  // namespace unbroken
