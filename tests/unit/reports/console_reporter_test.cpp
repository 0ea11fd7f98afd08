#include "harness/reports/console_reporter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace unbroken {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kEraseLine = "\r\033[K";

LoadProgress halfway() {
  LoadProgress p;
  p.elapsed = Millis(12'400);
  p.planned = Millis(30'000);
  p.counted.sent = 620;
  p.counted.succeeded = 600;
  p.counted.rejected = 15;
  p.counted.unknown = 5;
  p.faults_in_force = {"kill loki"};
  return p;
}

TimelineEvent event(std::string phase, std::string detail) {
  return TimelineEvent{WallClock::now(), std::move(phase), std::move(detail)};
}

TEST(ProgressLine, SaysHowFarTheCountsTheFaultInForceAndWhatIsLeft) {
  EXPECT_EQ(progress_line(halfway()),
            "load 12s/30s · sent 620 · ok 600 · failed 20 · in force: kill loki · 18s left");
}

TEST(ProgressLine, NamesNoFaultWhenNoneIsInForceAndNeverCountsBelowZeroLeft) {
  auto p = halfway();
  p.faults_in_force.clear();
  p.elapsed = Millis(31'000);
  const auto line = progress_line(p);
  EXPECT_THAT(line, Not(HasSubstr("in force")));
  EXPECT_THAT(line, EndsWith("0s left"));
}

// On a terminal the line is redrawn in place, and erased before the next event's line so
// that no event line is written over it.
TEST(ConsoleReporter, OnATerminalTheProgressLineIsRedrawnInPlaceAndErasedBeforeTheNextLine) {
  std::ostringstream out;
  ConsoleReporter console(out, /*live=*/true);
  RunRecord record;
  record.started = WallClock::now();
  console.on_load_progress(halfway());
  console.on_load_progress(halfway());
  console.on_event(record, event("healed", "kill loki — verified"));
  const auto text = out.str();
  EXPECT_THAT(text, StartsWith(std::string(kEraseLine) + "load 12s/30s"));
  EXPECT_EQ(text.find('\n'), text.rfind('\n')) << "the progress line added a line of its own";
  const auto event_at = text.find("healed");
  ASSERT_NE(event_at, std::string::npos);
  EXPECT_EQ(text.rfind(kEraseLine, event_at), text.rfind("18s left") + 8)
      << "the event line was not written on an erased line";
}

// A line that wrapped could not be redrawn in place: it is cut to the terminal's width, by
// characters, not bytes ("·" is two).
TEST(ConsoleReporter, TheProgressLineIsCutToTheTerminalsWidth) {
  std::ostringstream out;
  ConsoleReporter console(out, /*live=*/true, /*columns=*/21);
  console.on_load_progress(halfway());
  EXPECT_EQ(out.str(), std::string(kEraseLine) + "load 12s/30s · sent ");
}

// Not on a terminal (a log, a CI page), a load shorter than kPlainProgressEvery writes only
// the event lines.
TEST(ConsoleReporter, OffATerminalNoProgressLineIsWritten) {
  std::ostringstream out;
  ConsoleReporter console(out, /*live=*/false);
  RunRecord record;
  record.started = WallClock::now();
  console.on_load_progress(halfway());
  console.on_event(record, event("healed", "kill loki — verified"));
  EXPECT_THAT(out.str(), Not(HasSubstr("load 12s")));
  EXPECT_THAT(out.str(), Not(HasSubstr("\r")));
  EXPECT_THAT(out.str(), HasSubstr("healed"));
}

// Beside it: off a terminal, a long load writes its counts as a plain line once every
// kPlainProgressEvery (ticks come about once a second), never redrawn in place.
TEST(ConsoleReporter, OffATerminalALongLoadWritesAPlainProgressLineEvery30Seconds) {
  std::ostringstream out;
  ConsoleReporter console(out, /*live=*/false);
  auto p = halfway();
  p.planned = Millis(120'000);
  for (int second = 1; second <= 95; ++second) {
    p.elapsed = Millis(second * 1000);
    p.counted.sent = static_cast<std::uint64_t>(second) * 50;
    console.on_load_progress(p);
  }
  const auto text = out.str();
  EXPECT_THAT(text, Not(HasSubstr("\r")));
  EXPECT_THAT(text, HasSubstr("load 30s/120s · sent 1500"));
  EXPECT_THAT(text, HasSubstr("load 60s/120s · sent 3000"));
  EXPECT_THAT(text, HasSubstr("load 90s/120s · sent 4500"));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3) << text;
}

}  // namespace
}  // namespace unbroken
