#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/faults/fault_registry.h"
#include "harness/faults/pause_fault.h"
#include "harness/faults/restart_fault.h"
#include "harness/faults/stop_fault.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_runtime.h"
#include "tests/support/fault_spec.h"
#include "tests/support/reference_system.h"

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

FaultSpec spec_for(const std::string& kind, const std::map<std::string, std::string>& params = {}) {
  return testing::fault_spec_for(kind, "loki", params);
}

class LifecycleFaultTest : public ::testing::Test {
 protected:
  testing::FakeRuntime runtime{{"loki"}};
  testing::FakeClock clock;
  FaultContext context{runtime, clock, reference_system()};
};

TEST_F(LifecycleFaultTest, StopIsGracefulWithItsGraceAndStartsOnHeal) {
  StopFault fault(spec_for("stop", {{"grace", "3s"}}), context);
  EXPECT_EQ(fault.describe(), "stop loki (grace 3s)");
  fault.inject();
  EXPECT_TRUE(fault.verify_effect(FaultPhase::kInjected, Millis(1000)).verified);
  fault.heal();
  EXPECT_TRUE(fault.verify_effect(FaultPhase::kHealed, Millis(1000)).verified);
  EXPECT_THAT(runtime.actions, ElementsAre("stop loki 3s", "start loki"));
}

TEST_F(LifecycleFaultTest, PauseFreezesAndUnpauseThaws) {
  PauseFault fault(spec_for("pause"), context);
  fault.inject();
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(injected.verified);
  EXPECT_THAT(injected.observation, HasSubstr("paused"));
  fault.heal();
  EXPECT_TRUE(fault.verify_effect(FaultPhase::kHealed, Millis(1000)).verified);
  EXPECT_THAT(runtime.actions, ElementsAre("pause loki", "unpause loki"));
}

TEST_F(LifecycleFaultTest, APauseThatDidNotTakeIsNotVerified) {
  runtime.ignore_signals = true;
  PauseFault fault(spec_for("pause"), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("expected paused"));
}

TEST_F(LifecycleFaultTest, RestartIsOneStepAndProvenByANewStartTime) {
  RestartFault fault(spec_for("restart", {{"grace", "2s"}}), context);
  EXPECT_EQ(fault.describe(), "restart loki (grace 2s)");
  fault.inject();
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(injected.verified);
  EXPECT_THAT(injected.observation, HasSubstr("started t1, before t0"));
  fault.heal();
  EXPECT_TRUE(fault.verify_effect(FaultPhase::kHealed, Millis(1000)).verified);
  EXPECT_THAT(runtime.actions, ElementsAre("restart loki 2s"));
}

TEST_F(LifecycleFaultTest, ARestartThatDidNotHappenIsNotVerified) {
  runtime.ignore_signals = true;  // still running, same start time
  RestartFault fault(spec_for("restart"), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("expected running with a new start time"));
}

TEST_F(LifecycleFaultTest, ParametersAreValidated) {
  FaultRegistry registry;  // validates the declared parameters, then builds
  register_builtin_faults(registry);
  EXPECT_THROW(registry.create(spec_for("stop", {{"grace", "soon"}}), context), ConfigError);
  EXPECT_THROW(registry.create(spec_for("pause", {{"signal", "SIGSTOP"}}), context), ConfigError);
}

}  // namespace
}  // namespace unbroken
