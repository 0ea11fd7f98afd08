#include "harness/runtime/run_sweeper.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <set>

#include "tests/fakes/fake_process_runner.h"

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using testing::FakeProcessRunner;
using testing::ok;

// How many listings (ps, network ls, volume ls) `runner` was asked for.
int listings(const FakeProcessRunner& runner) {
  int count = 0;
  for (const auto& c : runner.commands()) {
    const auto& a = c.argv;
    count += a[1] == "ps" || (a.size() > 2 && a[2] == "ls") ? 1 : 0;
  }
  return count;
}

TEST(RunSweeper, ListsEveryLabelledRunWithItsHarnessPid) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[1] == "ps") return ok("run-a 4242\nrun-a 4242\nrun-b 0\n");
    if (c.argv[1] == "volume") return ok("run-c 77\n");
    return ok();
  });
  const auto runs = labelled_runs(runner);
  EXPECT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs.at("run-a"), 4242);
  EXPECT_EQ(runs.at("run-b"), 0);
  EXPECT_EQ(runs.at("run-c"), 77);
}

TEST(RunSweeper, RemovesContainersThenNetworksThenVolumesOfTheRun) {
  // A fake engine holding one of each, which are gone once removed.
  std::set<std::string> present{"c1", "n1", "v1"};
  const auto listed = [&](const char* name) {
    return ok(present.count(name) ? std::string(name) + "\n" : "");
  };
  FakeProcessRunner runner([&](const Command& c) {
    const auto& a = c.argv;
    if (a[1] == "rm") present.erase(a.back());
    if (a.size() > 2 && a[2] == "rm") present.erase(a.back());
    if (a[1] == "ps") return listed("c1");
    if (a[1] == "network" && a[2] == "ls") return listed("n1");
    if (a[1] == "volume" && a[2] == "ls") return listed("v1");
    return ok();
  });
  EXPECT_TRUE(remove_run(runner, "run-a").empty());
  std::vector<std::vector<std::string>> removals;
  for (const auto& c : runner.commands()) {
    if (c.argv[1] == "rm" || (c.argv.size() > 2 && c.argv[2] == "rm")) removals.push_back(c.argv);
  }
  EXPECT_THAT(removals, ElementsAre(ElementsAre("docker", "rm", "--force", "--volumes", "c1"),
                                    ElementsAre("docker", "network", "rm", "n1"),
                                    ElementsAre("docker", "volume", "rm", "--force", "v1")));
  // What was removed is listed again: the second listings say whether anything remains.
  EXPECT_EQ(listings(runner), 6);
}

// Beside it: a run with nothing left (after a teardown; the reaper's final sweep) is
// listed once, answered and empty, and that answer stands.
TEST(RunSweeper, ARunWithNothingLeftIsListedOnceAndIsClean) {
  FakeProcessRunner runner([](const Command&) { return ok(); });
  EXPECT_TRUE(remove_run(runner, "run-a").empty());
  EXPECT_EQ(listings(runner), 3);
  EXPECT_EQ(runner.commands().size(), 3u);
}

// Docker refuses a network whose removed container's endpoint it still holds; the sweep
// disconnects the stale endpoint by force and retries, and nothing is left.
TEST(RunSweeper, RetriesANetworkDockerStillHoldsAnEndpointOn) {
  int refusals = 2;
  bool network_present = true;
  bool disconnected = false;
  FakeProcessRunner runner([&](const Command& c) {
    const auto& a = c.argv;
    if (a[1] == "network" && a[2] == "inspect") return ok("unbroken_loki_1\n");
    if (a[1] == "network" && a[2] == "disconnect") disconnected = a.back() == "unbroken_loki_1";
    if (a[1] == "network" && a[2] == "rm") {
      if (refusals-- > 0 || !disconnected) {
        return testing::fail(
            "Error response from daemon: error while removing network: network "
            "unbroken_default id 1a2b has active endpoints");
      }
      network_present = false;
    }
    if (a[1] == "network" && a[2] == "ls") return ok(network_present ? "n1\n" : "");
    return ok();
  });
  EXPECT_TRUE(remove_run(runner, "run-a").empty());
  int attempts = 0;
  for (const auto& c : runner.commands()) {
    attempts += c.argv.size() > 2 && c.argv[1] == "network" && c.argv[2] == "rm" ? 1 : 0;
  }
  EXPECT_EQ(attempts, 3);
}

// Beside it: any other refusal is not retried, and the network is reported as left over.
TEST(RunSweeper, ANetworkRefusedForAnotherReasonIsReportedLeftOver) {
  FakeProcessRunner runner([&](const Command& c) {
    const auto& a = c.argv;
    if (a[1] == "network" && a[2] == "rm") return testing::fail("permission denied");
    if (a[1] == "network" && a[2] == "ls") return ok("n1\n");
    return ok();
  });
  const auto left = remove_run(runner, "run-a");
  EXPECT_THAT(left.networks, ElementsAre("n1"));
}

// An engine that does not answer is never read as "nothing there": the sweep reports the
// listings it could not make, and finding the runs fails aloud.
TEST(RunSweeper, AnUnansweredListingIsNeverAnEmptyOne) {
  FakeProcessRunner runner([](const Command&) {
    return testing::fail(
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker "
        "daemon running?\nmore");
  });
  const auto left = remove_run(runner, "run-a");
  EXPECT_FALSE(left.empty());
  ASSERT_EQ(left.unlisted.size(), 3u);
  EXPECT_EQ(left.unlisted[0],
            "docker ps: Cannot connect to the Docker daemon at "
            "unix:///var/run/docker.sock. Is the docker daemon running?");
  EXPECT_THAT(left.to_string(), ::testing::HasSubstr("could not list: docker ps:"));
  EXPECT_THROW(labelled_runs(runner), std::runtime_error);
}

TEST(RunSweeper, KnowsLiveAndDeadProcesses) {
  EXPECT_TRUE(process_alive(::getpid()));
  EXPECT_FALSE(process_alive(0));
  EXPECT_FALSE(process_alive(-1));
}

}  // namespace
}  // namespace unbroken
