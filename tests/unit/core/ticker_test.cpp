#include "harness/core/ticker.h"

#include <gtest/gtest.h>

#include <atomic>

namespace unbroken {
namespace {

TEST(Ticker, CallsEveryPeriodUntilStoppedAndNeverAfter) {
  std::atomic<int> ticks{0};
  Ticker ticker;
  ticker.start(std::chrono::milliseconds(5), [&] { ++ticks; });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (ticks < 3 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  ticker.stop();
  const int at_stop = ticks;
  EXPECT_GE(at_stop, 3);
  // Absence is shown over a window: ten periods, in which a running ticker ticks.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(ticks, at_stop);
}

TEST(Ticker, StopIsPromptWithALongPeriod) {
  std::atomic<int> ticks{0};
  Ticker ticker;
  ticker.start(std::chrono::hours(1), [&] { ++ticks; });
  const auto began = std::chrono::steady_clock::now();
  ticker.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(10));
  EXPECT_EQ(ticks, 0);
}

}  // namespace
}  // namespace unbroken
