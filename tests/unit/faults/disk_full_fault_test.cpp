#include "harness/faults/disk_full_fault.h"

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

class DiskFullFaultTest : public ::testing::Test {
 protected:
  testing::FakeRuntime runtime{{"loki", "jaeger"}};
  testing::FakeClock clock;
  FaultContext context{runtime, clock, reference_system()};
};

TEST_F(DiskFullFaultTest, FillsTheMountUntilAWriteFailsThenFreesIt) {
  runtime.disk_limit = 64LL << 20;
  DiskFullFault fault(fault_spec_for("disk_full", "loki"), context);
  EXPECT_EQ(fault.describe(), "disk_full on loki (/loki)");
  fault.inject();
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_TRUE(injected.verified);
  EXPECT_THAT(injected.observation,
              HasSubstr("a 4KiB write into loki:/loki fails: Error response from daemon: write "
                        "/loki/unbroken-disk-probe: no space left on device"));
  fault.heal();
  const auto healed = fault.verify_effect(FaultPhase::kHealed, Millis(1000));
  EXPECT_TRUE(healed.verified);
  EXPECT_THAT(healed.observation, HasSubstr("write into loki:/loki succeeds"));
  EXPECT_THAT(
      runtime.actions,
      ElementsAre("copy loki /loki/unbroken-disk-fill", "copy loki /loki/unbroken-disk-probe",
                  "copy loki /loki/unbroken-disk-fill", "copy loki /loki/unbroken-disk-probe",
                  "copy loki /loki/unbroken-disk-probe"));
}

TEST_F(DiskFullFaultTest, RefusesAMountWithoutASizeLimitRatherThanFillTheHost) {
  DiskFullFault fault(fault_spec_for("disk_full", "loki"), context);
  try {
    fault.inject();
    FAIL() << "expected a HarnessError";
  } catch (const HarnessError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not a size-limited tmpfs volume"));
  }
  EXPECT_TRUE(runtime.actions.empty());
}

TEST_F(DiskFullFaultTest, AFillThatDidNotTakeIsNotVerified) {
  runtime.disk_limit = 64LL << 20;
  runtime.ignore_signals = true;  // the copy "succeeds" without filling anything
  DiskFullFault fault(fault_spec_for("disk_full", "loki"), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(1000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("succeeds (expected no space left)"));
}

TEST_F(DiskFullFaultTest, AServiceWithoutADataDirectoryNeedsAPath) {
  EXPECT_THROW(DiskFullFault(fault_spec_for("disk_full", "jaeger"), context), ConfigError);
  EXPECT_THROW(DiskFullFault(fault_spec_for("disk_full", "loki", {{"path", "relative"}}), context),
               ConfigError);
}

}  // namespace
}  // namespace unbroken
