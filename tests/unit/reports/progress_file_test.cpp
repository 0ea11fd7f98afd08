// ProgressFileReporter: progress.json follows the run's phase, carries the load's counts at
// most every interval (and at the load's end), and is gone once report.json takes over.
#include "harness/reports/progress_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace unbroken {
namespace {

class ProgressFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    record.run_id = "run-1";
    record.scenario_name = "soak";
    record.report_dir = std::filesystem::temp_directory_path() /
                        ("unbroken-progress-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(record.report_dir);
  }
  void TearDown() override { std::filesystem::remove_all(record.report_dir); }
  nlohmann::json read() const {
    std::ifstream in(record.report_dir / "progress.json");
    return nlohmann::json::parse(in);
  }
  static LoadProgress at(int elapsed_s, std::uint64_t sent) {
    LoadProgress p;
    p.elapsed = Millis(elapsed_s * 1000);
    p.planned = Millis(90'000);
    p.counted.sent = sent;
    p.counted.succeeded = sent - 1;
    p.counted.unknown = 1;
    p.faults_in_force = {"kill orders with SIGKILL"};
    return p;
  }

  RunRecord record;
  ProgressFileReporter reporter{Millis(30'000)};
};

TEST_F(ProgressFileTest, FollowsThePhaseAndTheLoadsCountsEveryInterval) {
  reporter.on_run_start(record);
  EXPECT_EQ(read()["phase"], "starting");
  EXPECT_EQ(read()["run_id"], "run-1");
  reporter.on_event(record, {WallClock::now(), "warm-up", "load started"});
  EXPECT_EQ(read()["phase"], "warm-up");
  EXPECT_TRUE(read()["load"].is_null());

  reporter.on_load_progress(at(1, 1'000));
  EXPECT_EQ(read()["load"]["sent"], 1'000);
  reporter.on_load_progress(at(29, 29'000));  // within the interval: not rewritten
  EXPECT_EQ(read()["load"]["sent"], 1'000);
  reporter.on_load_progress(at(31, 31'000));
  EXPECT_EQ(read()["load"]["sent"], 31'000);
  EXPECT_EQ(read()["load"]["unknown"], 1);
  EXPECT_EQ(read()["load"]["faults_in_force"][0], "kill orders with SIGKILL");
  reporter.on_load_progress(at(90, 90'000));  // the load's end is always written
  EXPECT_EQ(read()["load"]["sent"], 90'000);
  EXPECT_EQ(read()["phase"], "warm-up");
  EXPECT_FALSE(std::filesystem::exists(record.report_dir / "progress.json.partial"));
}

TEST_F(ProgressFileTest, IsRemovedWhenTheRunEnds) {
  reporter.on_run_start(record);
  ASSERT_TRUE(std::filesystem::exists(record.report_dir / "progress.json"));
  reporter.on_run_end(record);
  EXPECT_FALSE(std::filesystem::exists(record.report_dir / "progress.json"));
}

TEST_F(ProgressFileTest, WritesNothingBeforeARunStarts) {
  reporter.on_load_progress(at(1, 10));
  EXPECT_FALSE(std::filesystem::exists(record.report_dir / "progress.json"));
}

}  // namespace
}  // namespace unbroken
