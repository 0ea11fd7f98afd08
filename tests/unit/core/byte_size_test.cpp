#include "harness/core/byte_size.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace unbroken {
namespace {

TEST(ByteSize, ParsesBinaryDecimalAndDockerUnits) {
  EXPECT_EQ(parse_byte_size("4096"), 4096);
  EXPECT_EQ(parse_byte_size("64MiB"), 64LL << 20);
  EXPECT_EQ(parse_byte_size("1GiB"), 1LL << 30);
  EXPECT_EQ(parse_byte_size("100MB"), 100'000'000);
  EXPECT_EQ(parse_byte_size("512m"), 512LL << 20);
}

TEST(ByteSize, RejectsWhatIsNotASize) {
  EXPECT_THROW(parse_byte_size("lots"), std::invalid_argument);
  EXPECT_THROW(parse_byte_size("64 MiB"), std::invalid_argument);
  EXPECT_THROW(parse_byte_size("-1MiB"), std::invalid_argument);
  EXPECT_THROW(parse_byte_size(""), std::invalid_argument);
}

TEST(ByteSize, FormatsInTheLargestFittingBinaryUnit) {
  EXPECT_EQ(format_byte_size(512), "512B");
  EXPECT_EQ(format_byte_size(20LL << 20), "20MiB");
  EXPECT_EQ(format_byte_size(3LL << 29), "1.5GiB");
}

}  // namespace
}  // namespace unbroken
