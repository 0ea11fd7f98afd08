#include "harness/reports/replay_differences.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

nlohmann::json recorded() {
  return nlohmann::json::parse(R"({
    "scenario": {"file": "/ci/scenarios/chaos/loki-stop.yaml", "text": "name: loki-stop\n"},
    "harness": {"version": "0.1.0"},
    "engine": {"name": "docker", "version": "20.10.24"},
    "services": {"loki": {"image": "unbroken.invalid/loki-standin:offline",
                          "image_id": "sha256:aaa"},
                 "prometheus": {"image": "unbroken.invalid/prometheus:offline",
                                "image_id": "sha256:bbb"}}})");
}

ReplaySite same_machine() {
  ReplaySite here;
  here.scenario_file_text = "name: loki-stop\n";
  here.harness_version = "0.1.0";
  here.engine_name = "docker";
  here.engine_version = "20.10.24";
  here.image_ids = {{"unbroken.invalid/loki-standin:offline", "sha256:aaa"},
                    {"unbroken.invalid/prometheus:offline", "sha256:bbb"}};
  return here;
}

TEST(ReplayDifferences, TheSameMachineDiffersInNothing) {
  EXPECT_THAT(replay_differences(recorded(), same_machine()), IsEmpty());
}

TEST(ReplayDifferences, AnotherMachineIsToldExactlyWhatDiffers) {
  auto here = same_machine();
  here.scenario_file_text.reset();
  here.harness_version = "0.2.0";
  here.engine_name = "podman";
  here.engine_version = "4.3.1";
  here.image_ids["unbroken.invalid/loki-standin:offline"] = "sha256:ccc";
  here.image_ids["unbroken.invalid/prometheus:offline"] = "";
  EXPECT_THAT(
      replay_differences(recorded(), here),
      ElementsAre("the scenario file /ci/scenarios/chaos/loki-stop.yaml is not on this machine: "
                  "the recorded text is replayed",
                  "harness 0.1.0 recorded, 0.2.0 here",
                  "engine docker 20.10.24 recorded, podman 4.3.1 here",
                  "service loki: image unbroken.invalid/loki-standin:offline is sha256:ccc here, "
                  "sha256:aaa recorded",
                  "service prometheus: image unbroken.invalid/prometheus:offline is not on this "
                  "machine"));
}

TEST(ReplayDifferences, AScenarioFileEditedSinceIsNamedAndTheRecordedTextWins) {
  auto here = same_machine();
  here.scenario_file_text = "name: loki-stop\nseed: 7\n";
  EXPECT_THAT(replay_differences(recorded(), here),
              ElementsAre("the scenario file /ci/scenarios/chaos/loki-stop.yaml has changed "
                          "since the run: the recorded text is replayed, not the file"));
}

TEST(ReplayDifferences, ADryRunThatAskedNoEngineComparesNoEngineOrImage) {
  auto here = same_machine();
  here.engine_name.clear();
  here.image_ids.clear();
  EXPECT_THAT(replay_differences(recorded(), here), IsEmpty());
}

}  // namespace
}  // namespace unbroken
