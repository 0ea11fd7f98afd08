#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "harness/faults/cpu_throttle_fault.h"
#include "harness/faults/memory_pressure_fault.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_runtime.h"
#include "tests/support/fault_spec.h"
#include "tests/support/reference_system.h"

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using testing::fault_spec_for;
using ::testing::HasSubstr;

class ResourceFaultTest : public ::testing::Test {
 protected:
  testing::FakeRuntime runtime{{"loki"}};
  testing::FakeClock clock;
  FaultContext context{runtime, clock, reference_system()};
};

TEST_F(ResourceFaultTest, MemoryPressureHalvesTheLimitUntilTheEngineRecordsAnOomKill) {
  runtime.memory_in_use = 40LL << 20;  // the first limit (20MiB) is already below it
  MemoryPressureFault fault(fault_spec_for("memory_pressure", "loki"), context);
  EXPECT_EQ(fault.describe(), "memory_pressure on loki until OOM-killed");
  fault.inject();
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(5000));
  EXPECT_TRUE(injected.verified);
  EXPECT_THAT(injected.observation, HasSubstr("OOM-killed (exit status 137) at a 20MiB limit"));
  fault.heal();
  const auto healed = fault.verify_effect(FaultPhase::kHealed, Millis(1000));
  EXPECT_TRUE(healed.verified) << healed.observation;
  // Unlimited before: restored to the host's total memory, and started again.
  EXPECT_THAT(runtime.actions,
              ElementsAre("memory loki 20971520", "memory loki 8589934592", "start loki"));
}

TEST_F(ResourceFaultTest, MemoryPressureThatNeverKillsIsNotVerified) {
  runtime.memory_in_use = 4LL << 20;  // fits under docker's 6MiB floor: never OOM-killed
  MemoryPressureFault fault(fault_spec_for("memory_pressure", "loki"), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(5000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("not OOM-killed at a 6MiB limit"));
}

// cgroup v1 refuses a limit below what a process holds: the step settles for a limit just
// above the usage, and the process's own growth under load meets it.
TEST_F(ResourceFaultTest, AProcessHoldingItsMemoryIsSqueezedJustAboveItsUsageUntilItGrowsIntoIt) {
  runtime.memory_in_use = 40LL << 20;
  runtime.memory_held = true;
  runtime.memory_growth = 2LL << 20;
  MemoryPressureFault fault(fault_spec_for("memory_pressure", "loki"), context);
  fault.inject();
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(5000));
  EXPECT_TRUE(injected.verified) << injected.observation;
  EXPECT_THAT(injected.observation, HasSubstr("OOM-killed (exit status 137) at a 43MiB limit"));
  EXPECT_THAT(injected.observation, HasSubstr("unable to set memory limit"));
  // Half the usage (42MiB), then nearer it, then just above it: the one accepted.
  ASSERT_GE(runtime.actions.size(), 4u);
  EXPECT_THAT(std::vector(runtime.actions.begin(), runtime.actions.begin() + 4),
              ElementsAre("memory loki 22020096", "memory loki 33554432", "memory loki 39321600",
                          "memory loki 45088768"));
}

// Beside it: a process that holds its memory and never grows is never OOM-killed. The
// fault did not act, and the observation says how low it got and what the engine refused.
TEST_F(ResourceFaultTest, AProcessHoldingMemoryThatNeverGrowsIsNotVerified) {
  runtime.memory_in_use = 40LL << 20;
  runtime.memory_held = true;
  MemoryPressureFault fault(fault_spec_for("memory_pressure", "loki"), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(5000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("not OOM-killed at a 41MiB limit after 5000ms"));
  EXPECT_THAT(effect.observation, HasSubstr("lower limit(s), the last: \"Cannot update "
                                            "container: unable to set memory limit to"));
  fault.heal();
  EXPECT_TRUE(fault.verify_effect(FaultPhase::kHealed, Millis(1000)).verified);
}

TEST_F(ResourceFaultTest, AStatedLimitTheEngineRefusesIsNotVerified) {
  runtime.memory_in_use = 40LL << 20;
  runtime.memory_held = true;
  MemoryPressureFault fault(fault_spec_for("memory_pressure", "loki", {{"limit", "16MiB"}}),
                            context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("the 16MiB limit was never set; the engine refused 1 "
                                            "lower limit(s)"));
}

// A limit at what the service uses presses on it: the kernel counts hits of the limit.
TEST_F(ResourceFaultTest, MemoryPressureToAStatedLimitIsProvenByTheKernelsLimitHits) {
  runtime.memory_in_use = 256LL << 20;
  MemoryPressureFault fault(fault_spec_for("memory_pressure", "loki", {{"limit", "256MiB"}}),
                            context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(effect.verified) << effect.observation;
  EXPECT_THAT(effect.observation, HasSubstr("loki uses 256MiB of its 256MiB limit; the kernel "
                                            "counted 1 hit(s) of the limit since it was set"));
  fault.heal();
  EXPECT_TRUE(fault.verify_effect(FaultPhase::kHealed, Millis(1000)).verified);
  EXPECT_THAT(runtime.actions, ElementsAre("memory loki 268435456", "memory loki 8589934592"));
}

// Beside it: a limit far above what the service uses is set and read back, and presses on
// nothing, so the fault did not act.
TEST_F(ResourceFaultTest, AMemoryLimitAboveTheUsageIsNotVerified) {
  runtime.memory_in_use = 40LL << 20;
  MemoryPressureFault fault(fault_spec_for("memory_pressure", "loki", {{"limit", "512MiB"}}),
                            context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("loki uses 40MiB of its 512MiB limit; the kernel "
                                            "counted 0 hit(s)"));
  EXPECT_THAT(effect.observation, HasSubstr("the limit never pressed on it"));
}

TEST_F(ResourceFaultTest, MemoryPressureParametersAreValidated) {
  EXPECT_THROW(
      MemoryPressureFault(fault_spec_for("memory_pressure", "loki", {{"limit", "1MiB"}}), context),
      ConfigError);
  EXPECT_THROW(
      MemoryPressureFault(fault_spec_for("memory_pressure", "loki", {{"limit", "lots"}}), context),
      ConfigError);
  EXPECT_THROW(
      MemoryPressureFault(fault_spec_for("memory_pressure", "loki", {{"until", "dawn"}}), context),
      ConfigError);
}

TEST_F(ResourceFaultTest, CpuThrottleSetsAndRestoresTheQuota) {
  CpuThrottleFault fault(fault_spec_for("cpu_throttle", "loki", {{"cpus", "0.25"}}), context);
  EXPECT_EQ(fault.describe(), "cpu_throttle on loki (0.25 CPUs)");
  fault.inject();
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(injected.verified);
  EXPECT_THAT(injected.observation, HasSubstr("loki throttled in 10 of 10 CPU periods"));
  fault.heal();
  const auto heal_checked = clock.now();
  const auto healed = fault.verify_effect(FaultPhase::kHealed, Millis(5000));
  EXPECT_TRUE(healed.verified) << healed.observation;
  EXPECT_THAT(healed.observation, HasSubstr("was not throttled over 1000ms after its limit went "
                                            "back to 4 CPUs"));
  // Seen to act where the quiet second began, not where it ended.
  EXPECT_EQ(healed.observed_at, heal_checked);
  EXPECT_THAT(runtime.actions, ElementsAre("cpus loki 250000000", "cpus loki 4000000000"));
}

// The limit is set and the engine reads it back, but the service never wants more CPU
// than the limit gives: nothing was throttled, so the fault did not act.
TEST_F(ResourceFaultTest, ALimitTheServiceNeverReachesIsNotVerified) {
  runtime.cpu_demand = 0.1;
  CpuThrottleFault fault(fault_spec_for("cpu_throttle", "loki", {{"cpus", "0.25"}}), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("throttled in none of"));
  EXPECT_THAT(effect.observation, HasSubstr("it never wanted more"));
}

TEST_F(ResourceFaultTest, ThrottlingCountersTheEngineCannotGiveAreNeverAnEffect) {
  runtime.counters_unavailable =
      "the engine at tcp://elsewhere is not reached through a unix "
      "socket; its API is not read";
  CpuThrottleFault fault(fault_spec_for("cpu_throttle", "loki", {{"cpus", "0.25"}}), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation,
              HasSubstr("could not be read: the engine at tcp://elsewhere is not reached"));
}

// Heal asked, but the engine kept the limit: the service is still throttled.
TEST_F(ResourceFaultTest, AServiceStillThrottledAfterHealIsNotHealed) {
  CpuThrottleFault fault(fault_spec_for("cpu_throttle", "loki", {{"cpus", "0.25"}}), context);
  fault.inject();
  ASSERT_TRUE(fault.verify_effect(FaultPhase::kInjected, Millis(1000)).verified);
  runtime.ignore_signals = true;
  fault.heal();
  const auto healed = fault.verify_effect(FaultPhase::kHealed, Millis(3000));
  EXPECT_FALSE(healed.verified);
  EXPECT_THAT(healed.observation, HasSubstr("was still throttled"));
}

TEST_F(ResourceFaultTest, ACpuLimitTheEngineDidNotApplyIsNotVerified) {
  runtime.ignore_signals = true;
  CpuThrottleFault fault(fault_spec_for("cpu_throttle", "loki", {{"cpus", "0.25"}}), context);
  fault.inject();
  EXPECT_FALSE(fault.verify_effect(FaultPhase::kInjected, Millis(1000)).verified);
  EXPECT_THROW(CpuThrottleFault(fault_spec_for("cpu_throttle", "loki"), context), ConfigError);
}

TEST_F(ResourceFaultTest, ACpuLimitTheEngineRefusesIsNotVerifiedAndSaysWhy) {
  runtime.limits_refused_with = "NanoCPUs can not be set";
  CpuThrottleFault fault(fault_spec_for("cpu_throttle", "loki", {{"cpus", "0.25"}}), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_EQ(effect.observation, "the engine refused the limit: NanoCPUs can not be set");
}

TEST_F(ResourceFaultTest, ACpuLimitAsLargeAsTheMachineIsRefusedBeforeTheRun) {
  const auto here = std::to_string(std::thread::hardware_concurrency());
  try {
    CpuThrottleFault(fault_spec_for("cpu_throttle", "loki", {{"cpus", here}}), context);
    FAIL() << "accepted a limit of every CPU the machine has";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot throttle a machine with " + here));
  }
  EXPECT_NO_THROW(
      CpuThrottleFault(fault_spec_for("cpu_throttle", "loki", {{"cpus", "0.5"}}), context));
}

TEST_F(ResourceFaultTest, ACpuLimitAsLargeAsTheEnginesHostIsNotVerified) {
  // The engine runs elsewhere, on a host smaller than this machine: the limit is applied
  // and read back, and still cannot act.
  runtime.host_cpus = 1;
  CpuThrottleFault fault(fault_spec_for("cpu_throttle", "loki", {{"cpus", "1"}}), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("cannot throttle: the engine's host has 1"));
  runtime.host_cpus = 4;
  runtime.cpu_demand = 2;
  EXPECT_TRUE(fault.verify_effect(FaultPhase::kInjected, Millis(1000)).verified);
}

}  // namespace
}  // namespace unbroken
