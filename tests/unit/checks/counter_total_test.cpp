#include "harness/checks/counter_total.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

TEST(CounterTotal, CountsFromZeroAtProcessStart) {
  const auto t = counter_total({{1, 5}, {2, 10}, {3, 42}});
  EXPECT_DOUBLE_EQ(t.total, 42);
  EXPECT_EQ(t.resets, 0);
}

TEST(CounterTotal, AddsAcrossResets) {
  const auto t = counter_total({{1, 10}, {2, 30}, {3, 4}, {4, 9}});
  EXPECT_DOUBLE_EQ(t.total, 39);
  EXPECT_EQ(t.resets, 1);
}

TEST(CounterTotal, NoSamplesIsZero) {
  EXPECT_DOUBLE_EQ(counter_total({}).total, 0);
}

}  // namespace
}  // namespace unbroken
