// Contract tests: the harness's LokiClient against the Loki stand-in over real HTTP on
// 127.0.0.1. The behaviours pinned here are Loki's documented ones (backends.md §4), so
// the same client works against grafana/loki. Where backends.md is silent or unsure, the
// behaviour follows Loki's source (duplicate entries: pkg/chunkenc/unordered.go).
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <string>
#include <thread>

#include "fixtures/standins/loki/loki_server.h"
#include "harness/backends/httplib_transport.h"
#include "harness/backends/loki_client.h"
#include "tests/support/free_port.h"
#include "tests/support/keep_alive_connection.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;

constexpr std::int64_t kSecond = 1'000'000'000;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class LokiStandin {
 public:
  // Readiness is not what these tests are about: no ring join, no min_ready_duration,
  // unless a test asks for them.
  explicit LokiStandin(std::chrono::milliseconds min_ready = std::chrono::milliseconds(0),
                       std::chrono::milliseconds ring_join = std::chrono::milliseconds(0))
      : dir_(std::filesystem::temp_directory_path() /
             fmt::format("unbroken-loki-{}", testing::free_port())) {
    std::filesystem::remove_all(dir_);
    start(min_ready, ring_join);
  }
  ~LokiStandin() {
    stop();
    std::filesystem::remove_all(dir_);
  }
  void start(std::chrono::milliseconds min_ready = std::chrono::milliseconds(0),
             std::chrono::milliseconds ring_join = std::chrono::milliseconds(0)) {
    standin::LokiConfig config;
    config.http_port = testing::free_port();
    config.path_prefix = dir_;
    config.min_ready_duration = min_ready;
    config.ring_join_time = ring_join;
    port_ = config.http_port;
    url_ = fmt::format("http://127.0.0.1:{}", config.http_port);
    server_ = std::make_unique<standin::LokiServer>(config);
    thread_ = std::thread([this] { server_->listen("127.0.0.1"); });
    httplib::Client probe(url_);
    for (int i = 0; i < 200 && !probe.Get("/"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  void stop() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  void begin_leaving() { server_->begin_leaving(); }
  int port() const { return port_; }
  const std::string& url() const { return url_; }
  // Pushes a raw JSON body and returns the HTTP status and body.
  std::pair<int, std::string> push(const std::string& body) const {
    httplib::Client client(url_);
    const auto res = client.Post("/loki/api/v1/push", body, "application/json");
    return {res->status, res->body};
  }

 private:
  std::filesystem::path dir_;
  int port_ = 0;
  std::string url_;
  std::unique_ptr<standin::LokiServer> server_;
  std::thread thread_;
};

std::string stream_body(const std::string& service,
                        const std::vector<std::pair<std::int64_t, std::string>>& entries) {
  std::string values;
  for (const auto& [ts, line] : entries)
    values += fmt::format("{}[\"{}\",\"{}\"]", values.empty() ? "" : ",", ts, line);
  return fmt::format(R"({{"streams":[{{"stream":{{"service":"{}"}},"values":[{}]}}]}})", service,
                     values);
}

class LokiContract : public ::testing::Test {
 protected:
  LokiStandin loki;
  HttplibTransport http;
  LokiClient client{http, loki.url()};
  std::int64_t base = now_ns() - 60 * kSecond;
};

TEST_F(LokiContract, PushAnswers204AndTheLinesAreQueryableWithServiceNameDerived) {
  EXPECT_EQ(loki.push(stream_body("orders", {{base, "a"}, {base + 1, "b"}})).first, 204);
  const auto lines = client.query_range(R"({service="orders"})", base, base + kSecond, 100,
                                        LokiDirection::kForward);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].line, "a");
  EXPECT_EQ(lines[0].stream.at("service_name"), "orders");
}

// real-loki-observed.md, "Query": real Loki returns labels the pusher never sent,
// service_name and detected_level, and a stream per detected level; the client still reads
// every line of the selector, in order.
TEST_F(LokiContract, QueriesCarryTheDetectedLevelAndSplitStreamsByIt) {
  loki.push(stream_body(
      "orders",
      {{base, "level=info msg=a"}, {base + 1, "level=ERROR msg=b"}, {base + 2, "no level here"}}));
  const auto lines = client.query_all(R"({service="orders"})", base, base + kSecond);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].line, "level=info msg=a");
  EXPECT_EQ(lines[0].stream.at("detected_level"), "info");
  EXPECT_EQ(lines[1].stream.at("detected_level"), "error");
  EXPECT_EQ(lines[2].stream.at("detected_level"), "unknown");
  EXPECT_EQ(lines[2].stream.at("service"), "orders");
}

TEST(LokiStandinLevels, DetectedLevelReadsJsonAndLogfmtAndNormalises) {
  EXPECT_EQ(standin::detected_level(R"({"level":"warning","msg":"x"})"), "warn");
  EXPECT_EQ(standin::detected_level(R"({"severity":"FATAL"})"), "critical");
  EXPECT_EQ(standin::detected_level("ts=1 lvl=debug"), "unknown");
  EXPECT_EQ(standin::detected_level(R"({"lvl":"debug"})"), "debug");
  EXPECT_EQ(standin::detected_level("plain text"), "unknown");
}

TEST_F(LokiContract, NumericTimestampsAreRejected) {
  const auto [status, body] = loki.push(R"({"streams":[{"stream":{"a":"b"},"values":[[1,"x"]]}]})");
  EXPECT_EQ(status, 400);
  EXPECT_THAT(body, HasSubstr("timestamp must be a string"));
}

// A retried push (same timestamp, same line) is stored once, even when other entries came
// in between; the same line under another timestamp is a new entry, as is another line at
// the same timestamp.
TEST_F(LokiContract, AnIdenticalEntryIsStoredOnceButARestampedOneAgain) {
  loki.push(stream_body("s", {{base, "x"}, {base, "x"}, {base + 1, "y"}}));
  const auto [status, body] = loki.push(stream_body("s", {{base, "x"}, {base + 2, "x"}}));
  EXPECT_EQ(status, 204) << body;
  loki.push(stream_body("s", {{base, "z"}}));
  const auto lines = client.query_all(R"({service="s"})", base, base + kSecond);
  std::multiset<std::string> stored;
  for (const auto& l : lines) stored.insert(l.line);
  EXPECT_EQ(stored, (std::multiset<std::string>{"x", "x", "y", "z"}));
}

TEST_F(LokiContract, PartialAcceptanceStoresTheValidEntries) {
  const auto too_old = base - 8LL * 24 * 3600 * kSecond;
  const auto [status, body] = loki.push(stream_body("s", {{base, "ok"}, {too_old, "old"}}));
  EXPECT_EQ(status, 400);
  EXPECT_THAT(body, HasSubstr("total ignored: 1 out of 2"));
  EXPECT_EQ(client.query_all(R"({service="s"})", base, base + kSecond).size(), 1u);
}

TEST_F(LokiContract, StartIsInclusiveAndEndExclusive) {
  loki.push(stream_body("s", {{base, "first"}, {base + 10, "last"}}));
  const auto lines =
      client.query_range(R"({service="s"})", base, base + 10, 100, LokiDirection::kForward);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].line, "first");
}

TEST_F(LokiContract, BackwardIsTheDefaultOrderAndLimitSpansStreams) {
  loki.push(stream_body("a", {{base, "a1"}, {base + 2, "a2"}}));
  loki.push(stream_body("b", {{base + 1, "b1"}, {base + 3, "b2"}}));
  const auto lines =
      client.query_range(R"({service=~"a|b"})", base, base + kSecond, 3, LokiDirection::kBackward);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].line, "b2");
  EXPECT_EQ(lines[2].line, "b1");
}

TEST_F(LokiContract, LineFiltersAndNegativeMatchers) {
  loki.push(stream_body("a", {{base, "level=info seq=1"}, {base + 1, "level=error seq=2"}}));
  loki.push(stream_body("b", {{base, "level=error seq=3"}}));
  EXPECT_EQ(client.query_all(R"({service!="b"} |= "error")", base, base + kSecond).size(), 1u);
  EXPECT_EQ(
      client.query_all(R"({service=~".+"} != "info" |~ "seq=[23]")", base, base + kSecond).size(),
      2u);
}

TEST_F(LokiContract, ALimitAbove5000IsRejectedWithLokisMessage) {
  try {
    client.query_range(R"({service="s"})", base, base + kSecond, 5001, LokiDirection::kForward);
    FAIL();
  } catch (const BackendError& e) {
    EXPECT_THAT(e.what(), HasSubstr("HTTP 400"));
    EXPECT_THAT(e.what(), HasSubstr("max entries limit per query exceeded"));
  }
}

TEST_F(LokiContract, QueryAllPagesPast5000EntriesIncludingSharedTimestampsAtPageEdges) {
  // 12,000 entries, three per nanosecond, so page boundaries fall inside shared timestamps.
  constexpr int kEntries = 12'000;
  for (int batch = 0; batch < kEntries / 1000; ++batch) {
    std::vector<std::pair<std::int64_t, std::string>> entries;
    for (int i = batch * 1000; i < (batch + 1) * 1000; ++i)
      entries.push_back({base + i / 3, fmt::format("seq={}", i)});
    ASSERT_EQ(loki.push(stream_body("bulk", entries)).first, 204);
  }
  const auto lines = client.query_all(R"({service="bulk"})", base, base + kSecond);
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kEntries));
  std::set<std::string> distinct;
  for (const auto& l : lines) distinct.insert(l.line);
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kEntries));
}

TEST_F(LokiContract, QueryAllRefusesWhenOneTimestampHoldsMoreThanAPage) {
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (int i = 0; i < 12; ++i) entries.push_back({base, fmt::format("same-ns-{}", i)});
  loki.push(stream_body("crowd", entries));
  EXPECT_THROW(client.query_all(R"({service="crowd"})", base, base + kSecond, 10), BackendError);
}

TEST_F(LokiContract, DataSurvivesARestartThroughTheWal) {
  loki.push(stream_body("s", {{base, "before restart"}}));
  loki.stop();
  loki.start();
  LokiClient after(http, loki.url());
  const auto lines = after.query_all(R"({service="s"})", base, base + kSecond);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].line, "before restart");
}

// real-loki-observed.md, "Graceful stop": after SIGTERM real Loki 3.4.3 still accepted
// pushes for ~1.3 s and answered each `500 empty ring`.
TEST_F(LokiContract, WhileLeavingAPushIsAnswered500EmptyRingAndNothingIsStored) {
  EXPECT_EQ(loki.push(stream_body("s", {{base, "before"}})).first, 204);
  loki.begin_leaving();
  const auto [status, body] = loki.push(stream_body("s", {{base + 1, "while leaving"}}));
  EXPECT_EQ(status, 500);
  EXPECT_THAT(body, HasSubstr("empty ring"));
  httplib::Client probe(loki.url());
  EXPECT_EQ(probe.Get("/ready")->status, 503);
  const auto lines = client.query_all(R"({service="s"})", base, base + kSecond);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].line, "before");
}

// real-loki-observed.md, "Readiness": with min_ready_duration 3s real Loki answered /ready
// 503 for ~10-11 s: the ingester's ring join comes first, then min_ready_duration.
TEST(LokiStandinReadiness, ReadyIs503UntilTheRingJoinAndThenTheMinReadyDurationHavePassed) {
  const auto started = std::chrono::steady_clock::now();
  LokiStandin loki(std::chrono::milliseconds(300), std::chrono::milliseconds(400));
  httplib::Client probe(loki.url());
  const auto early = probe.Get("/ready");
  EXPECT_EQ(early->status, 503);
  EXPECT_THAT(early->body, HasSubstr("Ingester not ready: waiting for"));
  const auto deadline = started + std::chrono::seconds(5);
  while (probe.Get("/ready")->status != 200 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(probe.Get("/ready")->status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(700))
      << "ready before the ring join plus min_ready_duration";
  EXPECT_THAT(probe.Get("/")->body, HasSubstr("NOT Grafana Loki"));
}

// The stand-in's default is what was observed; no configuration key of Loki's sets it.
TEST(LokiStandinReadiness, TheRingJoinTimeIsTheObservedOneByDefault) {
  EXPECT_EQ(standin::LokiConfig{}.ring_join_time, standin::kObservedRingJoinTime);
  EXPECT_EQ(standin::kObservedRingJoinTime, std::chrono::milliseconds(7500));
}

// Loki's HTTP server (dskit) keeps an idle keep-alive connection for
// -server.http-idle-timeout, 120 s by default. An exporter reuses its connection after a
// pause; a server that closes it sooner makes that request meet a reset.
TEST(LokiStandinConnections, AnIdleKeepAliveConnectionIsKeptForTheNextRequest) {
  LokiStandin loki;
  testing::KeepAliveConnection connection(loki.port());
  ASSERT_EQ(connection.get("/"), 200);
  EXPECT_FALSE(connection.closed_by_server_within(std::chrono::milliseconds(2500)))
      << "an idle connection was closed within 2.5 s; Loki keeps it 120 s";
  EXPECT_EQ(connection.get("/"), 200);
}

// Go's http.Server.Shutdown, which Loki's server calls on SIGTERM, closes idle connections
// at once instead of waiting out their idle timeout.
TEST(LokiStandinConnections, StopClosesAnIdleKeepAliveConnectionAtOnce) {
  LokiStandin loki;
  testing::KeepAliveConnection connection(loki.port());
  ASSERT_EQ(connection.get("/"), 200);
  auto stopped = std::async(std::launch::async, [&loki] { loki.stop(); });
  EXPECT_EQ(stopped.wait_for(std::chrono::seconds(10)), std::future_status::ready)
      << "stop() waited for the idle connection's timeout";
  EXPECT_TRUE(connection.closed_by_server_within(std::chrono::seconds(1)));
}

TEST(LokiStandinConnections, TheIdleTimeoutIsLokisKeyAndDefault) {
  EXPECT_EQ(standin::LokiConfig{}.http_server_idle_timeout, std::chrono::seconds(120));
  const auto file = std::filesystem::temp_directory_path() /
                    fmt::format("unbroken-loki-config-{}.yaml", testing::free_port());
  std::ofstream(file) << "server:\n  http_server_idle_timeout: 1500ms\n";
  const auto config = standin::load_loki_config(file);
  std::filesystem::remove(file);
  EXPECT_EQ(config.http_server_idle_timeout, std::chrono::seconds(2)) << "rounded up to whole s";
}

}  // namespace
}  // namespace unbroken
