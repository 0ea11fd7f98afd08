#include "harness/core/duration.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

TEST(ParseDuration, AcceptsUnitsAndCompounds) {
  EXPECT_EQ(parse_duration("500ms"), Millis(500));
  EXPECT_EQ(parse_duration("10s"), Millis(10'000));
  EXPECT_EQ(parse_duration("1.5s"), Millis(1'500));
  EXPECT_EQ(parse_duration("2m"), Millis(120'000));
  EXPECT_EQ(parse_duration("1m30s"), Millis(90'000));
  EXPECT_EQ(parse_duration("1h"), Millis(3'600'000));
}

TEST(ParseDuration, BareNumberIsSeconds) {
  EXPECT_EQ(parse_duration("3"), Millis(3'000));
}

TEST(ParseDuration, RejectsWhatIsNotADuration) {
  for (const char* bad : {"", "ten", "10x", "-5s", "5s3", "s", "1 s"}) {
    EXPECT_THROW(parse_duration(bad), std::invalid_argument) << bad;
  }
}

TEST(ParseDuration, ErrorSaysWhatWasExpected) {
  try {
    parse_duration("10 sec");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("a duration such as 500ms, 10s"), std::string::npos);
  }
}

TEST(FormatDuration, PicksTheShortestForm) {
  EXPECT_EQ(format_duration(Millis(250)), "250ms");
  EXPECT_EQ(format_duration(Millis(10'000)), "10s");
  EXPECT_EQ(format_duration(Millis(120'000)), "2m");
  EXPECT_EQ(format_duration(Millis(1'500)), "1.5s");
}

}  // namespace
}  // namespace unbroken
