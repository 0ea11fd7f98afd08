// Host ports chosen once per run: the variables a compose file names, each given its own
// free port on 127.0.0.1, never one the caller or the environment already set.
#include "harness/runtime/host_ports.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <set>

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(HostPorts, TheVariablesAComposeFileNamesAreFoundOnceEach) {
  const std::string text = R"(
services:
  loki:
    ports:
      - "127.0.0.1:${UNBROKEN_HOST_PORT_LOKI_3100:-}:3100"
  jaeger:
    ports:
      - "127.0.0.1:${UNBROKEN_HOST_PORT_JAEGER_4318}:4318"
      - "127.0.0.1:${UNBROKEN_HOST_PORT_LOKI_3100:-}:3100"
      - "127.0.0.1::16686"
    image: ${UNBROKEN_JAEGER_IMAGE:-jaegertracing/all-in-one}
)";
  EXPECT_THAT(host_port_variables(text),
              ElementsAre("UNBROKEN_HOST_PORT_LOKI_3100", "UNBROKEN_HOST_PORT_JAEGER_4318"));
  EXPECT_THAT(host_port_variables("ports: [\"127.0.0.1::9090\"]"), IsEmpty());
}

TEST(HostPorts, EachVariableGetsItsOwnFreePortUnlessAlreadySet) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("unbroken-host-ports-" + std::to_string(::getpid()) + ".yml");
  std::ofstream(file) << "a: ${UNBROKEN_HOST_PORT_A_1:-}\nb: ${UNBROKEN_HOST_PORT_B_2:-}\n"
                         "c: ${UNBROKEN_HOST_PORT_C_3:-}\n";
  const auto chosen =
      choose_host_ports({file, "/nonexistent/override.yml"}, {{"UNBROKEN_HOST_PORT_C_3", "4000"}});
  ASSERT_EQ(chosen.size(), 2u);
  std::set<std::string> distinct;
  for (const auto& [name, port] : chosen) {
    EXPECT_GT(std::stoi(port), 0) << name;
    distinct.insert(port);
  }
  EXPECT_EQ(distinct.size(), 2u);
  EXPECT_EQ(chosen.count("UNBROKEN_HOST_PORT_C_3"), 0u);
  std::filesystem::remove(file);
}

// A retry after a port was taken must not get the same ports again: the kernel readily
// hands a just-released port out twice, while the engine still holds it for another run.
TEST(HostPorts, PortsAnEarlierAttemptChoseAreNeverChosenAgain) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("unbroken-host-ports-avoid-" + std::to_string(::getpid()) + ".yml");
  std::ofstream(file) << "a: ${UNBROKEN_HOST_PORT_A_1:-}\nb: ${UNBROKEN_HOST_PORT_B_2:-}\n";
  std::set<std::string> tried;
  for (int attempt = 0; attempt < 20; ++attempt) {
    for (const auto& [name, port] : choose_host_ports({file}, {}, tried)) {
      EXPECT_EQ(tried.count(port), 0u) << name << " got " << port << " again";
      tried.insert(port);
    }
  }
  EXPECT_EQ(tried.size(), 40u);
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace unbroken
