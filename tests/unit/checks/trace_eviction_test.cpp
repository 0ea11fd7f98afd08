// TraceEviction: a loss of the oldest traces, with every later one kept, is the sign of a
// store evicting when full; the same number lost elsewhere, too few lost, or everything lost
// is not.
#include "harness/checks/trace_eviction.h"

#include <gtest/gtest.h>

#include <numeric>

namespace unbroken {
namespace {

std::vector<std::uint32_t> indices(std::uint32_t from, std::uint32_t to) {
  std::vector<std::uint32_t> out(to - from);
  std::iota(out.begin(), out.end(), from);
  return out;
}

TEST(TraceEviction, TheOldestLostAndTheRestKeptIsTheSign) {
  const auto e = TraceEviction::seen_in(indices(0, 500), 600);
  EXPECT_TRUE(e.seen());
  EXPECT_EQ(e.among_oldest, 500u);
  EXPECT_NE(e.reason_suffix().find("the 500 lost traces are the oldest of 600 judged"),
            std::string::npos);
}

TEST(TraceEviction, ARaggedEdgeWithinOnePercentStillShowsTheSign) {
  auto lost = indices(0, 495);
  for (std::uint32_t i = 505; i < 510; ++i) lost.push_back(i);  // in flight at the edge
  const auto e = TraceEviction::seen_in(lost, 600);
  EXPECT_TRUE(e.seen());
  EXPECT_NE(e.reason_suffix().find("495 of the 500 lost traces are the oldest"), std::string::npos);
}

TEST(TraceEviction, TheSameNumberLostInTheMiddleIsNotTheSign) {
  const auto e = TraceEviction::seen_in(indices(50, 550), 600);
  EXPECT_FALSE(e.seen());
  EXPECT_EQ(e.reason_suffix(), "");
}

TEST(TraceEviction, TooFewLostOrNothingKeptIsNotTheSign) {
  EXPECT_FALSE(TraceEviction::seen_in(indices(0, TraceEviction::kMinLost - 1), 600).seen());
  EXPECT_TRUE(TraceEviction::seen_in(indices(0, TraceEviction::kMinLost), 600).seen());
  EXPECT_FALSE(TraceEviction::seen_in(indices(0, 600), 600).seen());
}

}  // namespace
}  // namespace unbroken
