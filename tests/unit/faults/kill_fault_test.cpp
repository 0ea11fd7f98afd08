#include "harness/faults/kill_fault.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/faults/fault_registry.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_runtime.h"
#include "tests/support/fault_spec.h"
#include "tests/support/reference_system.h"

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

FaultSpec kill_spec(const std::map<std::string, std::string>& params = {}) {
  auto spec = testing::fault_spec_for("kill", "prometheus", {});
  spec.where = SourceLocation{"s.yaml", 12, 5};
  spec.params = Params(spec.where);
  for (const auto& [k, v] : params) spec.params.set(k, {v, SourceLocation{"s.yaml", 16, 13}});
  return spec;
}

class KillFaultTest : public ::testing::Test {
 protected:
  testing::FakeRuntime runtime{{"prometheus", "gateway"}};
  testing::FakeClock clock;
  FaultContext context{runtime, clock, reference_system()};
};

TEST_F(KillFaultTest, KillsWithSigkillByDefaultAndStartsOnHeal) {
  KillFault fault(kill_spec(), context);
  EXPECT_EQ(fault.describe(), "kill prometheus with SIGKILL");
  fault.inject();
  const auto injected = fault.verify_effect(FaultPhase::kInjected, Millis(5000));
  EXPECT_TRUE(injected.verified);
  EXPECT_THAT(injected.observation, HasSubstr("exit status 137"));
  fault.heal();
  EXPECT_TRUE(fault.verify_effect(FaultPhase::kHealed, Millis(5000)).verified);
  EXPECT_THAT(runtime.actions, ElementsAre("kill prometheus SIGKILL", "start prometheus"));
}

TEST_F(KillFaultTest, AnIgnoredSignalIsNotVerified) {
  runtime.ignore_signals = true;
  KillFault fault(kill_spec({{"signal", "SIGHUP"}}), context);
  fault.inject();
  const auto effect = fault.verify_effect(FaultPhase::kInjected, Millis(5000));
  EXPECT_FALSE(effect.verified);
  EXPECT_THAT(effect.observation, HasSubstr("expected not running"));
}

TEST_F(KillFaultTest, RejectsAnUnknownSignalAtItsLine) {
  try {
    KillFault(kill_spec({{"signal", "SIGFOO"}}), context);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("s.yaml:12:5"));
    EXPECT_THAT(e.what(), HasSubstr("'SIGFOO' is not a signal"));
  }
}

TEST_F(KillFaultTest, RejectsUnknownParameters) {
  FaultRegistry registry;  // validates the declared parameters, then builds
  register_builtin_faults(registry);
  EXPECT_THROW(registry.create(kill_spec({{"sgnal", "SIGKILL"}}), context), ConfigError);
}

TEST_F(KillFaultTest, RegistryKnowsKillAndNamesTheKindsForUnknownOnes) {
  FaultRegistry registry;
  register_builtin_faults(registry);
  EXPECT_NE(registry.create(kill_spec(), context), nullptr);
  auto spec = kill_spec();
  spec.kind = "explode";
  try {
    registry.create(spec, context);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(),
                HasSubstr("unknown fault 'explode' (known: bandwidth, cpu_throttle, disk_full, "
                          "down, kill, latency, limit_data, memory_pressure, partition, pause, "
                          "reset_peer, restart, slow_close, stop, timeout)"));
  }
}

}  // namespace
}  // namespace unbroken
