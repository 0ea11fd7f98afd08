// The unbroken binary's handling of bad input: distinct exit codes and errors that name
// the file:line:col or the thing expected. None of these reach Docker.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness/runtime/boost_process_runner.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

ProcessResult unbroken(std::vector<std::string> args) {
  args.insert(args.begin(), UNBROKEN_BIN);
  BoostProcessRunner runner;
  return runner.run({args, {}, Millis(30'000)});
}

std::string write_scenario(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(Cli, UnknownOptionIsAUsageError) {
  const auto r = unbroken({"run", "--frobnicate", "x.yaml"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Cli, MissingScenarioFileIsAUsageError) {
  const auto r = unbroken({"run", "/nonexistent/scenario.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/scenario.yaml"));
}

TEST(Cli, ScenarioErrorNamesFileLineAndColumn) {
  const auto file = write_scenario("unbroken-cli-bad.yaml",
                                   "name: bad\nworkload:\n  rate_per_s: 50\n  duraton: 10s\n"
                                   "expectations: [{check: metrics.accounting}]\n");
  const auto r =
      unbroken({"run", "--report-dir", std::filesystem::temp_directory_path().string(), file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(file + ":4:3: unknown key 'duraton'"));
}

TEST(Cli, UnknownImageSetIsAUsageError) {
  const auto r = unbroken({"run", "--images", "nightly",
                           UNBROKEN_SOURCE_DIR "/scenarios/chaos/prometheus-recovery.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown image set 'nightly'"));
}

TEST(Cli, HelpExitsZero) {
  const auto r = unbroken({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("run"));
}

}  // namespace
}  // namespace unbroken

namespace unbroken {
namespace {

TEST(Cli, ValidateAcceptsAShippedScenarioAndPrintsThePlanWithoutDocker) {
  const auto r =
      unbroken({"validate", UNBROKEN_SOURCE_DIR "/scenarios/chaos/jaeger-recovery.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("fault at +10s: kill jaeger with SIGKILL; healed at +20s"));
}

TEST(Cli, ValidateRejectsABadFaultParameterAtItsLine) {
  const auto file =
      write_scenario("unbroken-cli-badfault.yaml",
                     "name: x\nworkload: {duration: 20s}\ntimeline:\n"
                     "  - {at: 1s, fault: pause, target: loki, for: 1s, signal: SIGSTOP}\n"
                     "expectations: [{check: logs.completeness}]\n");
  const auto r = unbroken({"validate", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err,
              HasSubstr(file + ":4:59: unknown key 'signal': fault 'pause' takes no parameters"));
  EXPECT_THAT(r.out, Not(HasSubstr("valid scenario")));
}

TEST(Cli, DryRunPrintsThePlanAndWritesNoReport) {
  const auto reports = std::filesystem::temp_directory_path() / "unbroken-cli-dry-run";
  std::filesystem::remove_all(reports);
  const auto r = unbroken({"run", "--dry-run", "--report-dir", reports.string(),
                           UNBROKEN_SOURCE_DIR "/scenarios/chaos/prometheus-recovery.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("check: metrics.continuity"));
  EXPECT_FALSE(std::filesystem::exists(reports));
}

}  // namespace
}  // namespace unbroken
