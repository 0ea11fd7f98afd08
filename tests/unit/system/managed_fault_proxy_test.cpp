// The compose file and configuration of the fault proxy unbroken adds to a user's project:
// what compose reads from them (yaml-cpp reads them back here as compose would), and which
// services start after the proxy.
#include "harness/system/managed_fault_proxy.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "harness/system/system_loader.h"

namespace unbroken {
namespace {

FaultProxy loki_and_jaeger() {
  FaultProxy proxy;
  proxy.service = kManagedFaultProxy;
  proxy.api_port = kManagedFaultProxyApiPort;
  proxy.managed = true;
  proxy.paths = {{"loki", 3100, "loki:3100", "/ready", kManagedFaultProxy},
                 {"jaeger", 4318, "jaeger:4318", "/", kManagedFaultProxy}};
  return proxy;
}

TEST(ManagedFaultProxy, OneProxyPerPathOnAllAddressesToItsUpstream) {
  const auto config = nlohmann::json::parse(managed_fault_proxy_config(loki_and_jaeger()));
  ASSERT_EQ(config.size(), 2u);
  EXPECT_EQ(
      config[0],
      (nlohmann::json{{"name", "loki"}, {"listen", "0.0.0.0:3100"}, {"upstream", "loki:3100"}}));
  EXPECT_EQ(config[1]["listen"], "0.0.0.0:4318");
}

TEST(ManagedFaultProxy, TheServicePublishesItsApiAndEveryPathOnLoopbackOnly) {
  const auto doc = YAML::Load(managed_fault_proxy_compose(
      loki_and_jaeger(), "/runs/r1/faultproxy-proxies.json", 9935096212110783415ULL, "3.8", {}));
  EXPECT_EQ(doc["version"].as<std::string>(), "3.8");
  const auto service = doc["services"]["unbroken-faultproxy"];
  ASSERT_TRUE(service);
  EXPECT_EQ(service["image"].as<std::string>(),
            "${UNBROKEN_FAULTPROXY_IMAGE:-unbroken.invalid/faultproxy:dev}");
  // A seed beyond 2^63 stays a string: compose refuses a number in a command.
  EXPECT_EQ(service["command"][3].Tag(), "!");
  EXPECT_EQ(service["command"][3].as<std::string>(), "9935096212110783415");
  EXPECT_EQ(service["volumes"][0].as<std::string>(),
            "/runs/r1/faultproxy-proxies.json:/etc/faultproxy/proxies.json:ro");
  ASSERT_EQ(service["ports"].size(), 3u);
  EXPECT_EQ(service["ports"][0].as<std::string>(), "127.0.0.1::8474");
  EXPECT_EQ(service["ports"][1].as<std::string>(), "127.0.0.1::3100");
  EXPECT_EQ(service["ports"][2].as<std::string>(), "127.0.0.1::4318");
}

TEST(ManagedFaultProxy, TheServicesWhoseSignalsPassThroughItStartAfterIt) {
  // otel-shop: both services' logs go through the proxy; their spans and every metric do not.
  const auto system = load_system(UNBROKEN_SOURCE_DIR "/examples/otel-shop/system.yaml");
  const auto behind = services_behind_proxy(system);
  EXPECT_EQ(behind, (std::vector<std::string>{"inventory", "storefront"}));
  const auto doc =
      YAML::Load(managed_fault_proxy_compose(*system.fault_proxy, "/c.json", 1, "", behind));
  EXPECT_EQ(doc["services"]["storefront"]["depends_on"][0].as<std::string>(),
            "unbroken-faultproxy");
  EXPECT_EQ(doc["services"]["inventory"]["depends_on"][0].as<std::string>(), "unbroken-faultproxy");
  EXPECT_FALSE(doc["services"]["loki"]);
  EXPECT_FALSE(doc["services"]["jaeger"]);
}

TEST(ManagedFaultProxy, NoVersionWhenTheUsersFilesHaveNone) {
  const auto doc = YAML::Load(managed_fault_proxy_compose(loki_and_jaeger(), "/c.json", 1, "", {}));
  EXPECT_FALSE(doc["version"]);
}

}  // namespace
}  // namespace unbroken
