// Contract tests: the harness's GrafanaClient (and its data source proxy transport) against
// the Grafana stand-in over real HTTP on 127.0.0.1, with provisioning files like the
// stack's. The behaviours pinned are Grafana's (backends.md §5), so the same client works
// against grafana/grafana.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "fixtures/standins/grafana/grafana_server.h"
#include "fixtures/standins/loki/loki_server.h"
#include "harness/backends/grafana_client.h"
#include "harness/backends/grafana_proxy_transport.h"
#include "harness/backends/httplib_transport.h"
#include "harness/backends/loki_client.h"
#include "tests/support/free_port.h"
#include "tests/support/idle_connection_expectations.h"

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace fs = std::filesystem;

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

// A Grafana stand-in provisioned with a Loki data source (a real Loki stand-in), a
// Prometheus one nobody answers, and one dashboard; its data directory survives restart().
class GrafanaContract : public ::testing::Test {
 protected:
  GrafanaContract()
      : dir_(fs::temp_directory_path() / fmt::format("unbroken-grafana-{}", testing::free_port())) {
    fs::remove_all(dir_);
    standin::LokiConfig loki_config;
    loki_config.http_port = testing::free_port();
    loki_config.path_prefix = dir_ / "loki";
    loki_config.min_ready_duration = std::chrono::milliseconds(0);
    loki_ = std::make_unique<standin::LokiServer>(loki_config);
    loki_thread_ = std::thread([this] { loki_->listen("127.0.0.1"); });
    loki_url_ = fmt::format("http://127.0.0.1:{}", loki_config.http_port);

    write(dir_ / "provisioning/datasources/ds.yaml",
          fmt::format("apiVersion: 1\ndatasources:\n"
                      "  - {{name: Loki, type: loki, uid: the-loki, url: '${{LOKI_URL}}'}}\n"
                      "  - {{name: Prometheus, type: prometheus, uid: the-prom, "
                      "url: 'http://127.0.0.1:{}'}}\n",
                      testing::free_port()));
    write(dir_ / "provisioning/dashboards/d.yaml",
          fmt::format("apiVersion: 1\nproviders:\n  - name: p\n    type: file\n"
                      "    options: {{path: '{}'}}\n",
                      (dir_ / "dashboards").string()));
    write(dir_ / "dashboards/run.json",
          R"({"uid": "unbroken-run", "title": "unbroken run", "panels": []})");
    fs::create_directories(dir_ / "data");
    start();
  }
  ~GrafanaContract() override {
    stop();
    loki_->stop();
    loki_thread_.join();
    fs::remove_all(dir_);
  }
  void start() {
    standin::GrafanaConfig config;
    config.http_port = testing::free_port();
    config.admin_password = "secret";
    config.provisioning_dir = dir_ / "provisioning";
    config.data_dir = dir_ / "data";
    port_ = config.http_port;
    url_ = fmt::format("http://127.0.0.1:{}", config.http_port);
    const auto env = [this](const std::string& name) -> std::optional<std::string> {
      if (name == "LOKI_URL") return loki_url_;
      return std::nullopt;
    };
    server_ = std::make_unique<standin::GrafanaServer>(
        config, standin::load_provisioning(config.provisioning_dir, env));
    thread_ = std::thread([this] { server_->listen("127.0.0.1"); });
    httplib::Client probe(url_);
    for (int i = 0; i < 200 && !probe.Get("/api/health"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  void stop() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  void restart() {
    stop();
    start();
  }
  GrafanaClient client(const std::string& password = "secret") {
    return GrafanaClient(http_, url_, {"admin", password});
  }

  fs::path dir_;
  int port_ = 0;
  std::string url_;
  std::string loki_url_;
  HttplibTransport http_;
  std::unique_ptr<standin::LokiServer> loki_;
  std::thread loki_thread_;
  std::unique_ptr<standin::GrafanaServer> server_;
  std::thread thread_;
};

TEST_F(GrafanaContract, HealthNeedsNoAuthButTheApiDoes) {
  EXPECT_TRUE(client("wrong").health().ok());
  EXPECT_THROW(client("wrong").datasources(), BackendError);
  EXPECT_EQ(client().datasources().size(), 2u);
}

TEST_F(GrafanaContract, DataSourcesComeFromProvisioningWithEnvInterpolated) {
  const auto list = client().datasources();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].uid, "the-loki");
  EXPECT_EQ(list[0].type, "loki");
  EXPECT_TRUE(client().datasource_health("the-loki").ok);
  const auto prom = client().datasource_health("the-prom");
  EXPECT_FALSE(prom.ok);
  EXPECT_THAT(prom.message, HasSubstr("unreachable"));
}

TEST_F(GrafanaContract, TheProxyReachesTheDataSourceWithTheTypedClient) {
  httplib::Client(loki_url_).Post(
      "/loki/api/v1/push",
      fmt::format(
          R"({{"streams":[{{"stream":{{"service":"gateway"}},"values":[["{}","hello"]]}}]}})",
          std::chrono::duration_cast<std::chrono::nanoseconds>(
              std::chrono::system_clock::now().time_since_epoch())
              .count()),
      "application/json");
  GrafanaProxyTransport proxy(http_, "the-loki", client().auth_headers());
  const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const auto lines =
      LokiClient(proxy, url_)
          .query_all(R"({service="gateway"})", now - 60'000'000'000LL, now + 1'000'000'000);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].line, "hello");
  // Without credentials the proxy refuses.
  GrafanaProxyTransport anonymous(http_, "the-loki", {});
  EXPECT_EQ(anonymous.get(url_, "/loki/api/v1/labels", {}, Millis(2000)).status, 401);
}

TEST_F(GrafanaContract, ProvisionedDashboardsCannotBeSavedOverOrDeleted) {
  ASSERT_TRUE(client().dashboard("unbroken-run").has_value());
  EXPECT_THROW(client().save_dashboard({{"uid", "unbroken-run"}, {"title", "x"}}), BackendError);
  const auto deleted = http_.send("DELETE", url_, "/api/dashboards/uid/unbroken-run", "",
                                  client().auth_headers(), Millis(2000));
  EXPECT_EQ(deleted.status, 400);
  EXPECT_FALSE(client().dashboard("nope").has_value());
}

TEST_F(GrafanaContract, SavedDashboardsAndAnnotationsSurviveARestart) {
  EXPECT_EQ(client().save_dashboard({{"uid", "mine"}, {"title", "Mine"}}), "mine");
  const auto id =
      client().add_annotation({0, "unbroken-run", 1000, 2000, {"unbroken", "fault"}, "f"});
  client().add_annotation({0, "unbroken-run", 5000, 5000, {"unbroken"}, "other"});
  restart();
  ASSERT_TRUE(client().dashboard("mine").has_value());
  const auto found = client().annotations({0, 10'000, {"unbroken", "fault"}, false, 100});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, id);
  EXPECT_EQ(found[0].time_ms, 1000);
  EXPECT_EQ(found[0].time_end_ms, 2000);
  std::vector<std::string> uids;
  for (const auto& hit : client().search_dashboards()) uids.push_back(hit.uid);
  EXPECT_THAT(uids, ElementsAre("mine", "unbroken-run"));
}

TEST_F(GrafanaContract, AnnotationQueriesFilterByOverlapAndTags) {
  client().add_annotation({0, "", 1000, 2000, {"a", "b"}, "ab"});
  client().add_annotation({0, "", 3000, 3000, {"a"}, "a"});
  EXPECT_EQ(client().annotations({1500, 1600, {}, false, 100}).size(), 1u);  // inside a region
  EXPECT_EQ(client().annotations({0, 10'000, {"a", "b"}, false, 100}).size(), 1u);
  EXPECT_EQ(client().annotations({0, 10'000, {"b", "zzz"}, true, 100}).size(), 1u);
  EXPECT_EQ(client().annotations({2500, 10'000, {"a"}, false, 100}).size(), 1u);
}

// Grafana's http.Server has no idle timeout by default, and Go's Shutdown closes idle
// connections at once: a harness holding a keep-alive connection neither loses it between
// queries nor holds up a stop.
TEST_F(GrafanaContract, AnIdleKeepAliveConnectionIsKeptAndStopClosesItAtOnce) {
  testing::expect_idle_connection_kept_and_closed_by_stop(port_, "/api/health", [this] { stop(); });
}

}  // namespace
}  // namespace unbroken
