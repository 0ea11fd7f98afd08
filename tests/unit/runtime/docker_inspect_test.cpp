#include "harness/runtime/docker_inspect.h"

#include <gtest/gtest.h>

#include "harness/core/errors.h"

namespace unbroken {
namespace {

TEST(DockerInspect, ReadsAnExitedContainer) {
  const auto s = parse_container_state(
      R"([{"State":{"Status":"exited","Running":false,"Paused":false,"OOMKilled":false,"ExitCode":137}}])");
  EXPECT_TRUE(s.exists);
  EXPECT_FALSE(s.running);
  EXPECT_EQ(s.exit_code, 137);
  EXPECT_EQ(s.status, "exited");
}

TEST(DockerInspect, IgnoresPortsNotPublishedOnLoopback) {
  const auto json = R"([{"State":{},"NetworkSettings":{"Ports":{"9090/tcp":[
      {"HostIp":"0.0.0.0","HostPort":"9090"}]}}}])";
  EXPECT_FALSE(parse_published_port(json, 9090).has_value());
}

TEST(DockerInspect, AStoppedContainerHasNoPublishedPort) {
  EXPECT_FALSE(parse_published_port(R"([{"State":{},"NetworkSettings":{"Ports":{}}}])", 9090));
}

TEST(DockerInspect, GarbageIsAHarnessError) {
  EXPECT_THROW(parse_container_state("Error: No such object"), HarnessError);
  EXPECT_THROW(parse_container_state("[]"), HarnessError);
}

}  // namespace
}  // namespace unbroken
