#include "harness/core/host_pressure.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

TEST(HostPressure, ReadsTheLoadAverageAndTheCpuPressureStall) {
  const auto p = parse_host_pressure("9.52 4.10 2.00 3/412 8812\n",
                                     "some avg10=45.20 avg60=12.00 avg300=3.00 total=77\n"
                                     "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
                                     2);
  ASSERT_TRUE(p.load1);
  EXPECT_DOUBLE_EQ(*p.load1, 9.52);
  ASSERT_TRUE(p.cpu_waiting_percent);
  EXPECT_DOUBLE_EQ(*p.cpu_waiting_percent, 45.2);
  EXPECT_EQ(p.describe(), "host load 9.5 on 2 cores, CPU pressure 45%");
  EXPECT_EQ(p.to_json()["cpu_pressure_some_avg10_percent"], 45.2);
}

TEST(HostPressure, AKernelWithoutPressureStallInformationGivesTheLoadAlone) {
  const auto p = parse_host_pressure("0.50 0.40 0.30 1/100 1\n", "", 1);
  EXPECT_FALSE(p.cpu_waiting_percent);
  EXPECT_EQ(p.describe(), "host load 0.5 on 1 core");
}

TEST(HostPressure, NothingReadableIsSaidToBeUnknown) {
  const auto p = parse_host_pressure("", "garbage", 0);
  EXPECT_FALSE(p.known());
  EXPECT_EQ(p.describe(), "host pressure unknown");
  EXPECT_TRUE(p.to_json()["load1"].is_null());
}

TEST(HostPressure, ThisMachineReportsItsLoad) {
  EXPECT_TRUE(read_host_pressure().load1) << "/proc/loadavg unreadable";
}

}  // namespace
}  // namespace unbroken
