// The same harness, unchanged, on Podman through its Docker-compatible API: ./bootstrap
// installs Debian's podman, serves its API at kPodmanSocket and loads the offline images
// into its store. A chaos scenario must pass there and leave nothing behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::IsEmpty;

constexpr const char* kPodmanSocket = "unix:///run/podman/podman.sock";

TEST(Podman, AKilledLokiLosesNoLineOnPodmanAndNothingIsLeftBehind) {
  const auto root = fresh_report_root("podman-loki-recovery");
  const auto run = run_scenario("scenarios/chaos/loki-recovery.yaml", root, kPodmanSocket);
  ASSERT_FALSE(run.report.is_null()) << "is Podman's API served? run ./bootstrap\n"
                                     << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.report["engine"]["name"], "podman") << run.report["engine"].dump();
  EXPECT_EQ(verdict(run.report, "logs.completeness")["status"], "passed");
  EXPECT_THAT(run.report["faults"][0]["inject_effect"]["observation"].get<std::string>(),
              ::testing::HasSubstr("exit status 137"));
  EXPECT_THAT(labelled_leftovers(run.run_id, kPodmanSocket), IsEmpty());
}

}  // namespace
}  // namespace unbroken::e2e
