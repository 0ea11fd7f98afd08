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

// The image a container runs, and whether the project's stand-in image says it is one.
TEST(DockerInspect, ReadsTheImageAndTheStandInLabel) {
  const auto standin = parse_container_state(
      R"([{"State":{},"Image":"sha256:eb25eda3c9ee","Config":{"Image":
      "unbroken.invalid/loki-standin:offline","Labels":{"io.unbroken.stand-in":"loki"}}}])");
  EXPECT_EQ(standin.image, "unbroken.invalid/loki-standin:offline");
  EXPECT_EQ(standin.image_id, "sha256:eb25eda3c9ee");
  EXPECT_EQ(standin.stand_in_for, "loki");
  const auto real = parse_container_state(
      R"([{"State":{},"Image":"sha256:0a1b","Config":{"Image":"grafana/loki:3.5.0",
      "Labels":{"org.opencontainers.image.title":"loki"}}}])");
  EXPECT_EQ(real.image, "grafana/loki:3.5.0");
  EXPECT_EQ(real.stand_in_for, "");
}

// A stopped container still holds the ports it will publish again; an ephemeral binding
// (empty HostPort) holds none.
TEST(DockerInspect, ConfiguredHostPortsIncludeThoseOfStoppedContainers) {
  const auto ports = parse_configured_host_ports(R"([
    {"State":{"Running":true},"HostConfig":{"PortBindings":{
      "3100/tcp":[{"HostIp":"127.0.0.1","HostPort":"36511"}],
      "9096/tcp":[{"HostIp":"127.0.0.1","HostPort":""}]}}},
    {"State":{"Running":false},"HostConfig":{"PortBindings":{
      "9090/tcp":[{"HostIp":"127.0.0.1","HostPort":"35317"}]}}},
    {"State":{"Running":true},"HostConfig":{"PortBindings":null}}])");
  EXPECT_EQ(ports, (std::set<std::string>{"35317", "36511"}));
  EXPECT_THROW(parse_configured_host_ports("not json"), HarnessError);
}

TEST(DockerInspect, IgnoresPortsNotPublishedOnLoopback) {
  const auto inspected = R"([{"State":{},"NetworkSettings":{"Ports":{"9090/tcp":[
      {"HostIp":"0.0.0.0","HostPort":"9090"}]}}}])";
  EXPECT_FALSE(parse_published_port(inspected, 9090).has_value());
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

namespace unbroken {
namespace {

TEST(DockerInspect, FindsTheVolumeMountedAtAPathAndItsTmpfsSizeLimit) {
  const auto container = R"([{"State":{},"Mounts":[
    {"Type":"bind","Source":"/x","Destination":"/etc/loki/unbroken.yaml"},
    {"Type":"volume","Name":"unbroken-r_loki-data","Destination":"/loki"}]}])";
  EXPECT_EQ(parse_mounted_volume(container, "/loki"), "unbroken-r_loki-data");
  EXPECT_FALSE(parse_mounted_volume(container, "/etc/loki/unbroken.yaml"));
  EXPECT_EQ(
      parse_volume_size_limit(
          R"([{"Name":"v","Options":{"device":"tmpfs","o":"size=64m,uid=10001","type":"tmpfs"}}])"),
      64LL << 20);
  EXPECT_FALSE(parse_volume_size_limit(R"([{"Name":"v","Options":null}])"));
  EXPECT_FALSE(
      parse_volume_size_limit(R"([{"Name":"v","Options":{"type":"tmpfs","o":"mode=1777"}}])"));
}

TEST(DockerInspect, ReadsMemoryUsageInDockersUnits) {
  EXPECT_EQ(parse_memory_usage("5.5MiB / 6MiB"), static_cast<std::int64_t>(5.5 * 1048576));
  EXPECT_EQ(parse_memory_usage("512KiB / 1GiB"), 512 * 1024);
  EXPECT_THROW(parse_memory_usage("-- / --"), HarnessError);
}

}  // namespace
}  // namespace unbroken
