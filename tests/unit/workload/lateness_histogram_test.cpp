#include "harness/workload/lateness_histogram.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

TEST(LatenessHistogram, AQuantileIsTheUpperBoundOfItsBucket) {
  LatenessHistogram h;
  for (int i = 0; i < 98; ++i) h.record(Micros(300));  // in (250 µs, 500 µs]
  h.record(Micros(4'000));                             // in (2 ms, 5 ms]
  h.record(Micros(1'500'000));                         // in (1 s, 2 s]
  EXPECT_EQ(h.count(), 100u);
  EXPECT_EQ(h.quantile_at_most(0.5), Micros(500));
  EXPECT_EQ(h.quantile_at_most(0.99), Micros(5'000));
  EXPECT_EQ(h.quantile_at_most(1.0), Micros(2'000'000));
}

TEST(LatenessHistogram, AValueOnABoundCountsInThatBoundsBucket) {
  LatenessHistogram h;
  h.record(Micros(1'000'000));
  EXPECT_EQ(h.later_than(Micros(1'000'000)), 0u);
  EXPECT_EQ(h.later_than(Micros(500'000)), 1u);
  h.record(Micros(1'000'001));
  EXPECT_EQ(h.later_than(Micros(1'000'000)), 1u);
}

TEST(LatenessHistogram, NothingRecordedOrBeyondTheLastBoundHasNoQuantile) {
  LatenessHistogram h;
  EXPECT_EQ(h.quantile_at_most(0.99), std::nullopt);
  h.record(Micros(60'000'000));
  EXPECT_EQ(h.quantile_at_most(0.99), std::nullopt);
  EXPECT_EQ(h.later_than(Micros(30'000'000)), 1u);
}

TEST(LatenessHistogram, LaterThanOnlyAcceptsABucketBound) {
  LatenessHistogram h;
  EXPECT_THROW((void)h.later_than(Micros(1'234)), std::invalid_argument);
}

}  // namespace
}  // namespace unbroken
