#include "harness/core/time_format.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

TEST(Rfc3339, WhatIsWrittenReadsBackToTheMillisecond) {
  const auto t = std::chrono::time_point_cast<TimePoint::duration>(
      std::chrono::system_clock::from_time_t(1'764'583'200) + std::chrono::milliseconds(123));
  const auto text = format_rfc3339(t);
  EXPECT_EQ(text, "2025-12-01T10:00:00.123Z");
  EXPECT_EQ(parse_rfc3339(text), t);
}

TEST(Rfc3339, WholeSecondsAndNanosecondsAreRead) {
  const auto whole = parse_rfc3339("2026-12-01T10:00:05Z");
  const auto fine = parse_rfc3339("2026-12-01T10:00:05.000000007Z");
  ASSERT_TRUE(whole && fine);
  EXPECT_EQ(*fine - *whole, std::chrono::nanoseconds(7));
}

TEST(Rfc3339, AnythingElseIsNotATime) {
  for (const char* text : {"", "null", "2026-12-01 10:00:05Z", "2026-12-01T10:00:05",
                           "2026-12-01T10:00:05+01:00", "2026-12-01T10:00:05.1Zjunk"})
    EXPECT_FALSE(parse_rfc3339(text)) << text;
}

}  // namespace
}  // namespace unbroken
