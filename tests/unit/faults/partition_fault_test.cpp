#include "harness/faults/partition_fault.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_runtime.h"
#include "tests/support/fault_spec.h"
#include "tests/support/reference_system.h"

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using testing::fault_spec_for;
using ::testing::HasSubstr;

class PartitionFaultTest : public ::testing::Test {
 protected:
  testing::FakeRuntime runtime{{"jaeger", "gateway", "orders"}};
  testing::FakeClock clock;
  FaultContext context{runtime, clock, reference_system()};
};

TEST_F(PartitionFaultTest, CutsTheTargetOffAndProvesItFromAPeer) {
  PartitionFault fault(fault_spec_for("partition", "jaeger"), context);
  EXPECT_EQ(fault.describe(), "partition jaeger off the run's network");
  fault.inject();
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(injected.verified);
  EXPECT_THAT(injected.observation, HasSubstr("jaeger detached from the network; from gateway"));
  fault.heal();
  const auto healed = fault.verify_effect(FaultPhase::kHealed, Millis(1000));
  EXPECT_TRUE(healed.verified);
  EXPECT_THAT(healed.observation, HasSubstr("probe exit 0"));
  EXPECT_THAT(runtime.actions,
              ElementsAre("disconnect jaeger", "exec gateway", "connect jaeger", "exec gateway"));
}

TEST_F(PartitionFaultTest, ACutThatDidNotTakeIsNotVerified) {
  runtime.ignore_signals = true;  // the disconnect does not happen
  PartitionFault fault(fault_spec_for("partition", "jaeger"), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("expected unreachable"));
}

TEST_F(PartitionFaultTest, TheGatewayIsProbedFromOrders) {
  PartitionFault fault(fault_spec_for("partition", "gateway"), context);
  fault.inject();
  EXPECT_TRUE(fault.verify_effect(FaultPhase::kInjected, Millis(1000)).verified);
  EXPECT_THAT(runtime.actions, ElementsAre("disconnect gateway", "exec orders"));
}

TEST_F(PartitionFaultTest, ThePeerMustBeAnotherWorkloadService) {
  EXPECT_THROW(PartitionFault(fault_spec_for("partition", "jaeger", {{"peer", "loki"}}), context),
               ConfigError);
  EXPECT_THROW(PartitionFault(fault_spec_for("partition", "orders", {{"peer", "orders"}}), context),
               ConfigError);
  EXPECT_THROW(PartitionFault(fault_spec_for("partition", "tempo"), context), ConfigError);
}

}  // namespace
}  // namespace unbroken
