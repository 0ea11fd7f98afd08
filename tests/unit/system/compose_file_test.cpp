#include "harness/system/compose_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ComposeModel model_of(const std::string& text) {
  ComposeModel model;
  merge_compose_text(text, "c.yml", model);
  return model;
}

TEST(ComposeFile, PublishedContainerPortsAreReadFromShortAndLongSyntax) {
  const auto model = model_of(R"(services:
  a:
    ports:
      - "9090"
      - "127.0.0.1::3000/tcp"
      - "127.0.0.1:${UNBROKEN_HOST_PORT_A_4318:-}:4318"
      - target: 13133
        host_ip: 127.0.0.1
)");
  EXPECT_THAT(model.services.at("a").published_ports, ElementsAre(9090, 3000, 4318, 13133));
  EXPECT_TRUE(model.services.at("a").isolation_problems.empty());
}

TEST(ComposeFile, MergeKeysAndLaterFilesAddToAService) {
  auto model = model_of(R"(x-base: &base
  healthcheck: {test: ["CMD", "true"]}
services:
  a:
    <<: *base
    ports: ["127.0.0.1::8080"]
)");
  EXPECT_TRUE(model.services.at("a").has_healthcheck);
  merge_compose_text("services:\n  a:\n    ports: [\"127.0.0.1::9090\"]\n  b: {}\n", "o.yml",
                     model);
  EXPECT_THAT(model.services.at("a").published_ports, ElementsAre(8080, 9090));
  EXPECT_EQ(model.service_names(), "a, b");
}

TEST(ComposeFile, ADisabledHealthcheckIsNone) {
  EXPECT_FALSE(model_of("services:\n  a:\n    healthcheck: {disable: true}\n")
                   .services.at("a")
                   .has_healthcheck);
}

TEST(ComposeFile, FixedHostPortsAndContainerNamesAreIsolationProblems) {
  const auto model = model_of(R"(services:
  a:
    container_name: fixed
    ports: ["127.0.0.1:8080:80", {target: 81, published: 8081}]
)");
  const auto& problems = model.services.at("a").isolation_problems;
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_THAT(problems[0], HasSubstr("c.yml:4:13: service 'a' publishes container port 80 on "
                                     "fixed host port 8080"));
  EXPECT_THAT(problems[1], HasSubstr("container port 81 on fixed host port 8081"));
  EXPECT_THAT(problems[2], HasSubstr("c.yml:3:21: service 'a' sets container_name 'fixed'"));
}

TEST(ComposeFile, AnOverrideWithoutServicesIsReadButAFileThatIsNotAMappingIsRefused) {
  EXPECT_EQ(model_of("volumes:\n  data: {driver_opts: {type: tmpfs}}\n").volumes.count("data"), 1u);
  EXPECT_THROW(model_of("- services\n"), ConfigError);
}

TEST(ComposeFile, TheLabelsOverrideLabelsEveryServiceNetworkAndOwnVolume) {
  const auto model = model_of(R"(version: "3.8"
services:
  a: {image: x}
  b: {image: y, labels: [team=shop]}
networks:
  back: {}
  shared: {external: true}
volumes:
  data: {}
  cache: {external: true}
)");
  const auto override_text =
      labels_override(model, {{"io.unbroken.run", "r1"}, {"io.unbroken.pid", "42"}});
  const auto doc = YAML::Load(override_text);
  EXPECT_EQ(doc["version"].as<std::string>(), "3.8");  // compose v1 wants the files' version
  for (const char* service : {"a", "b"}) {
    EXPECT_EQ(doc["services"][service]["labels"]["io.unbroken.run"].as<std::string>(), "r1");
  }
  EXPECT_EQ(doc["services"]["b"]["labels"]["io.unbroken.pid"].as<std::string>(), "42");
  EXPECT_EQ(doc["networks"]["default"]["labels"]["io.unbroken.run"].as<std::string>(), "r1");
  EXPECT_TRUE(doc["networks"]["back"]);
  EXPECT_FALSE(doc["networks"]["shared"]);  // not the run's: never labelled, never removed
  EXPECT_TRUE(doc["volumes"]["data"]);
  EXPECT_FALSE(doc["volumes"]["cache"]);
}

TEST(ComposeFile, ANetworkOrVolumeWithAFixedNameIsAnIsolationProblem) {
  EXPECT_TRUE(model_of("services: {a: {}}\nnetworks: {back: {}}\nvolumes: {data: {}}\n")
                  .all_isolation_problems()
                  .empty());
  const auto problems =
      model_of("services: {a: {}}\nnetworks: {back: {name: shop-net}}\nvolumes: {data: {}}\n")
          .all_isolation_problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("c.yml:2:25: network 'back' sets a fixed name 'shop-net'"));
}

TEST(ComposeFile, TheLabelsOverrideKeepsAVolumesAndANetworksOwnDefinition) {
  auto model = model_of(R"(services: {loki: {}}
volumes:
  loki-data: {labels: [team=obs]}
networks:
  default: {labels: {team: obs}, driver_opts: {com.docker.network.driver.mtu: "1400"}}
)");
  merge_compose_text(
      "volumes:\n  loki-data:\n    driver_opts: {type: tmpfs, device: tmpfs, o: size=64m}\n",
      "small-disk.yml", model);
  const auto doc = YAML::Load(labels_override(model, {{"io.unbroken.run", "r1"}}));
  const auto volume = doc["volumes"]["loki-data"];
  EXPECT_EQ(volume["driver_opts"]["o"].as<std::string>(), "size=64m");  // the later file's
  EXPECT_EQ(volume["labels"]["io.unbroken.run"].as<std::string>(), "r1");
  const auto network = doc["networks"]["default"];
  EXPECT_EQ(network["driver_opts"]["com.docker.network.driver.mtu"].as<std::string>(), "1400");
  EXPECT_EQ(network["labels"]["team"].as<std::string>(), "obs");
  EXPECT_EQ(network["labels"]["io.unbroken.run"].as<std::string>(), "r1");
}

}  // namespace
}  // namespace unbroken
