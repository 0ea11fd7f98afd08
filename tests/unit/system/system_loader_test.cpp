#include "harness/system/system_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/core/errors.h"
#include "tests/support/reference_system.h"
#include "tests/unit/system/system_test_support.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;
using testing::SystemDir;

// The error `text` is refused with, or "" when it is accepted.
std::string refusal(const SystemDir& dir, const std::string& text) {
  try {
    dir.parse(text);
    return "";
  } catch (const ConfigError& e) {
    return e.what();
  }
}

TEST(SystemLoader, TheReferenceSystemDeclaresItsServicesBackendsProxyAndPaths) {
  const auto& system = reference_system();
  EXPECT_EQ(system.name, "reference");
  ASSERT_NE(system.service("jaeger"), nullptr);
  EXPECT_EQ(system.service("jaeger")->ready->to_string(), "GET :13133/status");
  EXPECT_EQ(system.service("loki")->data_dir, "/loki");
  EXPECT_EQ(system.service("orders")->readiness_path, "/readyz");
  EXPECT_EQ(system.backends.grafana->password_env, "UNBROKEN_GRAFANA_ADMIN_PASSWORD");
  EXPECT_EQ(system.backend(BackendRole::kNotifications)->service, "webhook");
  ASSERT_NE(system.proxied_path("loki"), nullptr);
  EXPECT_EQ(system.proxied_path("loki")->hop(), "faultproxy->loki");
  EXPECT_EQ(system.load->service, "gateway");
  EXPECT_EQ(system.load->path, "/work");
  EXPECT_EQ(system.load->max_connections, 96);
  EXPECT_EQ(system.jobs_scraping("gateway"), std::vector<std::string>{"gateway"});
  const auto orders = system.signals.spans.path_of("orders");
  EXPECT_EQ(orders.name, "spans of orders");
  EXPECT_TRUE(orders.passes("faultproxy->jaeger"));
  EXPECT_FALSE(orders.passes("gateway"));
  EXPECT_TRUE(system.signals.logs.path_of("gateway").passes("loki"));
  EXPECT_EQ(system.image_sets.count("offline"), 1u);
}

TEST(SystemLoader, AMinimalSystemHasNoBackendsAndSoNoSignalBackends) {
  SystemDir dir;
  const auto system = dir.parse("compose: compose.yml\nservices:\n  api: {port: 8080}\n");
  EXPECT_EQ(system.name, "system");
  EXPECT_EQ(system.backend(BackendRole::kLoki), nullptr);
  EXPECT_EQ(system.signals.logs.backend, "");
  EXPECT_FALSE(system.load.has_value());
}

TEST(SystemLoader, AServiceTheComposeFilesDoNotDefineIsRefusedListingThoseTheyDo) {
  SystemDir dir;
  EXPECT_EQ(refusal(dir, "compose: compose.yml\nservices:\n  api: {port: 8080}\n"), "");
  EXPECT_EQ(refusal(dir, "compose: compose.yml\nservices:\n  my-api: {port: 8080}\n"),
            "system.yaml:3:3: service 'my-api' is not defined by the compose files (they "
            "define: api, db)");
}

TEST(SystemLoader, APortTheServiceDoesNotPublishIsRefusedAtThePort) {
  SystemDir dir;
  EXPECT_EQ(
      refusal(dir, "compose: compose.yml\nservices:\n  db: {port: 5432, ready: {tcp: 5432}}\n"),
      "");
  EXPECT_THAT(
      refusal(dir, "compose: compose.yml\nservices:\n  db: {port: 5432, ready: {tcp: 5433}}\n"),
      HasSubstr("system.yaml:3:33: the readiness probe of 'db' is container port 5433, which "
                "compose service 'db' does not publish (it publishes: 5432)"));
  EXPECT_THAT(refusal(dir, "compose: compose.yml\nservices:\n  api: {port: 9090}\n"),
              HasSubstr("system.yaml:3:15: service 'api''s API port is container port 9090"));
}

TEST(SystemLoader, AHealthcheckProbeNeedsAHealthcheckInTheComposeFile) {
  SystemDir dir;
  EXPECT_EQ(refusal(dir, "compose: compose.yml\nservices:\n  api: {ready: healthcheck}\n"), "");
  EXPECT_THAT(refusal(dir, "compose: compose.yml\nservices:\n  db: {ready: healthcheck}\n"),
              HasSubstr("compose service 'db' declares none"));
}

TEST(SystemLoader, ABackendMustBeADeclaredServiceWithAPort) {
  SystemDir dir;
  const std::string base = "compose: compose.yml\nservices:\n  api: {port: 8080}\n  db:\n";
  EXPECT_EQ(refusal(dir, base + "backends: {loki: api}\n"), "");
  EXPECT_THAT(refusal(dir, base + "backends: {loki: lokii}\n"),
              HasSubstr("system.yaml:5:18: backend 'loki' names 'lokii', which is not under "
                        "'services' (declared: api, db)"));
  EXPECT_THAT(refusal(dir, base + "backends: {loki: db}\n"),
              HasSubstr("service 'db' declares no 'port'"));
  EXPECT_THAT(refusal(dir, base + "backends: {tempo: api}\n"),
              HasSubstr("system.yaml:5:12: unknown key 'tempo' for 'backends'"));
}

TEST(SystemLoader, TheReferenceSystemStartsAlertingAndGrafanaOnlyWhenNeeded) {
  const auto& system = reference_system();
  std::vector<std::string> when_needed;
  for (const auto& service : system.services) {
    if (service.start_when_needed) when_needed.push_back(service.name);
  }
  EXPECT_EQ(when_needed, (std::vector<std::string>{"alertmanager", "webhook", "grafana"}));
}

TEST(SystemLoader, StartWhenNeededIsAcceptedOnAServiceNothingAlwaysNeeds) {
  SystemDir dir;
  const auto system = dir.parse(
      "compose: compose.yml\nservices:\n  api: {port: 8080}\n  db: {start: when_needed}\n"
      "load: {service: api}\n");
  EXPECT_TRUE(system.service("db")->start_when_needed);
  EXPECT_FALSE(system.service("api")->start_when_needed);
  EXPECT_THAT(
      refusal(dir, "compose: compose.yml\nservices:\n  db: {start: sometimes}\n"),
      HasSubstr("system.yaml:3:15: 'start' must be one of: always, when_needed, got 'sometimes'"));
}

TEST(SystemLoader, StartWhenNeededIsRefusedOnAServiceEveryRunNeeds) {
  SystemDir dir;
  const std::string services =
      "compose: compose.yml\nservices:\n  api: {port: 8080, start: when_needed";
  EXPECT_THAT(refusal(dir, services + "}\n  db:\nload: {service: api}\n"),
              HasSubstr("system.yaml:3:28: service 'api' cannot be started only when needed: it "
                        "is the load's service"));
  EXPECT_THAT(refusal(dir, services + "}\n  db:\nprobe_from: [api]\n"),
              HasSubstr("it is in probe_from"));
  EXPECT_THAT(refusal(dir, services + "}\n  db:\nbackends: {prometheus: api}\n"),
              HasSubstr("it is the Prometheus backend"));
  EXPECT_THAT(refusal(dir, services + ", readiness: /ready}\n  db:\n"),
              HasSubstr("it declares health paths"));
  EXPECT_EQ(refusal(dir, services + "}\n  db:\nbackends: {loki: api}\n"), "");
}

TEST(SystemLoader, EveryEntryIsCheckedAgainstItsDeclaredKeys) {
  const SystemDir dir;
  const std::string base = "compose: compose.yml\nservices:\n  api: {port: 8080}\n";
  EXPECT_EQ(refusal(dir, base + "load: {service: api, path: /a}\n"), "");
  EXPECT_THAT(refusal(dir, "compose: compose.yml\nservices:\n  api: {port: http}\n"),
              HasSubstr("system.yaml:3:15: 'port' must be a whole number, got 'http'"));
  EXPECT_THAT(refusal(dir, base + "load: {service: api, paht: /a}\n"),
              HasSubstr("system.yaml:4:22: unknown key 'paht' for 'load' (its keys: service, "
                        "port, path, max_connections)"));
  EXPECT_THAT(refusal(dir, base + "load: {service: api, max_connections: 0}\n"),
              HasSubstr("system.yaml:4:39: 'load.max_connections' must be 1 to 2048, got 0"));
  EXPECT_THAT(refusal(dir, base + "load: {service: api, max_connections: many}\n"),
              HasSubstr("system.yaml:4:39: 'max_connections' must be a whole number, got 'many'"));
  EXPECT_THAT(refusal(dir, base + "load: {path: /a}\n"),
              HasSubstr("system.yaml:4:7: 'load' needs 'service': the service the load goes to"));
  EXPECT_THAT(refusal(dir, base + "fault_proxy: {paths: {loki: {listen: 3100, upstream: "
                                  "\"loki:3100\"}}}\n"),
              HasSubstr("proxied path 'loki' needs 'probe'"));
  EXPECT_THAT(refusal(dir, base + "probe_from: {api: true}\n"),
              HasSubstr("system.yaml:4:13: 'probe_from' is a list, not a mapping"));
}

TEST(SystemLoader, SignalPathsMustEndAtTheirBackendAndPassOnlyKnownHops) {
  SystemDir dir;
  const std::string base =
      "compose: compose.yml\nservices:\n  api: {port: 8080}\n  db: {port: 5432}\n"
      "backends: {loki: db}\n";
  const auto system = dir.parse(base + "signals:\n  logs:\n    api: [api, db]\n");
  EXPECT_TRUE(system.signals.logs.path_of("api").passes("api"));
  EXPECT_EQ(system.signals.logs.path_of("zzz").hops, std::vector<std::string>{"db"});
  EXPECT_EQ(refusal(dir, base + "signals:\n  logs:\n    api: [api]\n"),
            "system.yaml:8:10: the logs path of 'api' must end at its backend 'db'");
  EXPECT_THAT(refusal(dir, base + "signals:\n  logs:\n    api: [api, collector, db]\n"),
              HasSubstr("system.yaml:8:16: 'collector' is not a hop of this system"));
  EXPECT_THAT(refusal(dir, base + "signals:\n  spans:\n    api: [api, db]\n"),
              HasSubstr("'signals.spans' gives paths, but the system declares no backend that "
                        "stores spans"));
}

TEST(SystemLoader, AMissingComposeFileIsRefusedAtItsEntry) {
  SystemDir dir;
  const auto refused = refusal(dir, "compose: [compose.yml, missing.yml]\nservices: {}\n");
  EXPECT_THAT(refused, HasSubstr("system.yaml:1:24: compose file"));
  EXPECT_THAT(refused, HasSubstr("missing.yml does not exist"));
}

// A name the system cannot even look up (longer than NAME_MAX) is refused at its entry like a
// missing one, never an escaping filesystem_error (the fuzzer found this).
TEST(SystemLoader, AComposeFileNameTooLongToLookUpIsRefusedAtItsEntry) {
  SystemDir dir;
  const auto refused =
      refusal(dir, "compose: [compose.yml, " + std::string(300, 'x') + ".yml]\nservices: {}\n");
  EXPECT_THAT(refused, HasSubstr("system.yaml:1:24: compose file"));
  EXPECT_THAT(refused, HasSubstr("cannot be looked up: File name too long"));
}

TEST(SystemLoader, AComposeFileThatWouldBreakIsolationIsRefusedSayingHowToFixIt) {
  SystemDir fixed_name("services:\n  api:\n    image: x\n    container_name: my-api\n");
  EXPECT_THAT(refusal(fixed_name, "compose: compose.yml\nservices: {api: }\n"),
              HasSubstr("compose.yml:4:21: service 'api' sets container_name 'my-api'"));
  SystemDir fixed_port("services:\n  api:\n    image: x\n    ports: [\"8080:8080\"]\n");
  const auto refused = refusal(fixed_port, "compose: compose.yml\nservices: {api: }\n");
  EXPECT_THAT(refused, HasSubstr("publishes container port 8080 on fixed host port 8080"));
  EXPECT_THAT(refused, HasSubstr("\"127.0.0.1:${UNBROKEN_HOST_PORT_API_8080:-}:8080\""));
  SystemDir chosen_port("services:\n  api:\n    image: x\n    ports: [\"127.0.0.1::8080\"]\n");
  EXPECT_EQ(refusal(chosen_port, "compose: compose.yml\nservices: {api: {port: 8080}}\n"), "");
}

TEST(SystemLoader, UnknownKeysAndAnEmptyFileAreRefused) {
  SystemDir dir;
  EXPECT_THAT(refusal(dir, "compose: compose.yml\nservices: {}\nservice: {}\n"),
              HasSubstr("system.yaml:3:1: unknown key 'service' for a system file"));
  EXPECT_THAT(refusal(dir, ""), HasSubstr("the system file is empty"));
}

TEST(SystemLoader, AFaultProxyPathBecomesAHopOfTheSignals) {
  SystemDir dir;
  const auto system = dir.parse(
      "compose: compose.yml\nservices:\n  api: {port: 8080}\n  db: {port: 5432}\n"
      "backends: {loki: db}\n"
      "fault_proxy: {service: api, api_port: 8080, paths: {db: {listen: 8080, upstream: "
      "'db:5432', probe: /}}}\n"
      "signals: {logs: {api: [api, api->db, db]}}\n");
  EXPECT_TRUE(system.signals.logs.path_of("api").passes("api->db"));
  EXPECT_EQ(system.proxied_path_names(), "db");
}

TEST(SystemLoader, AFaultProxyWithoutAServiceIsOneUnbrokenAdds) {
  SystemDir dir;
  const auto system = dir.parse(
      "compose: compose.yml\nservices:\n  api: {port: 8080}\n  db: {port: 5432}\n"
      "backends: {loki: db}\n"
      "fault_proxy: {paths: {db: {listen: 3100, upstream: 'db:5432', probe: /}}}\n"
      "signals: {logs: {api: [api, unbroken-faultproxy, unbroken-faultproxy->db, db]}}\n");
  ASSERT_TRUE(system.fault_proxy.has_value());
  EXPECT_TRUE(system.fault_proxy->managed);
  EXPECT_EQ(system.fault_proxy->service, "unbroken-faultproxy");
  // unbroken waits for it and reaches it like a declared service.
  ASSERT_NE(system.service("unbroken-faultproxy"), nullptr);
  EXPECT_EQ(system.service("unbroken-faultproxy")->ready->to_string(), "GET :8474/version");
  EXPECT_TRUE(system.signals.logs.path_of("api").passes("unbroken-faultproxy->db"));
}

TEST(SystemLoader, AFaultProxyOfTheUsersNeedsItsApiPortAndAnAddedOneTakesNone) {
  SystemDir dir;
  const std::string head =
      "compose: compose.yml\nservices:\n  api: {port: 8080}\n  db: {port: 5432}\n";
  const std::string paths = "paths: {db: {listen: 3100, upstream: 'db:5432', probe: /}}";
  EXPECT_THAT(refusal(dir, head + "fault_proxy: {service: api, " + paths + "}\n"),
              HasSubstr("'fault_proxy' needs 'api_port' with its 'service'"));
  EXPECT_THAT(refusal(dir, head + "fault_proxy: {api_port: 8474, " + paths + "}\n"),
              HasSubstr("'fault_proxy.api_port' is for a proxy your compose runs"));
  EXPECT_THAT(refusal(dir, head + "fault_proxy: {}\n"), HasSubstr("'fault_proxy' needs 'paths'"));
}

}  // namespace
}  // namespace unbroken
