// Contract tests: the workload's OTLP/HTTP JSON encoding and the harness's JaegerClient
// against the Jaeger stand-in over real HTTP on 127.0.0.1, pinning Jaeger's documented
// behaviour (backends.md §3).
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <future>
#include <string>
#include <thread>
#include <variant>

#include "fixtures/standins/jaeger/config_settings.h"
#include "fixtures/standins/jaeger/jaeger_server.h"
#include "harness/backends/httplib_transport.h"
#include "harness/backends/jaeger_client.h"
#include "tests/support/free_port.h"
#include "tests/support/keep_alive_connection.h"
#include "tests/support/otlp_json.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;
using testing::Span;
using testing::SpanKind;

class JaegerStandin {
 public:
  JaegerStandin() { start(); }
  ~JaegerStandin() { stop(); }
  void start() {
    ports_ = {testing::free_port(), testing::free_port(), testing::free_port()};
    server_ = std::make_unique<standin::JaegerServer>(ports_, 100);
    thread_ = std::thread([this] { server_->listen("127.0.0.1"); });
    httplib::Client probe(query_url());
    for (int i = 0; i < 200 && !probe.Get("/"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  void stop() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  const standin::JaegerPorts& ports() const { return ports_; }
  std::string query_url() const { return fmt::format("http://127.0.0.1:{}", ports_.query); }
  std::pair<int, std::string> post(const std::string& body,
                                   const std::string& type = "application/json") const {
    httplib::Client client(fmt::format("http://127.0.0.1:{}", ports_.otlp_http));
    const auto res = client.Post("/v1/traces", body, type.c_str());
    return {res->status, res->body};
  }
  int health_status() const {
    httplib::Client client(fmt::format("http://127.0.0.1:{}", ports_.health));
    return client.Get("/status")->status;
  }

 private:
  standin::JaegerPorts ports_;
  std::unique_ptr<standin::JaegerServer> server_;
  std::thread thread_;
};

// gateway (server) → gateway client → orders (server), as the workload emits one hop.
std::vector<Span> one_hop(const std::string& trace_id) {
  const std::int64_t t = 1'795'000'000'000'000'000;
  return {{trace_id,
           "00000000000000a1",
           "",
           "GET /checkout",
           SpanKind::kServer,
           t,
           t + 5'000'000,
           {{"seq", "7"}},
           false},
          {trace_id,
           "00000000000000a2",
           "00000000000000a1",
           "GET orders",
           SpanKind::kClient,
           t + 1'000'000,
           t + 4'000'000,
           {},
           false}};
}

class JaegerContract : public ::testing::Test {
 protected:
  JaegerStandin jaeger;
  HttplibTransport http;
  JaegerClient client{http, jaeger.query_url()};
};

TEST_F(JaegerContract, ExportedSpansComeBackWithParentsKindsAndService) {
  const std::string id = "4bf92f3577b34da6a3ce929d0e0e4736";
  ASSERT_EQ(jaeger.post(testing::encode_otlp_traces("gateway", one_hop(id))).first, 200);
  const auto trace = client.trace(id);
  ASSERT_TRUE(trace.has_value());
  EXPECT_EQ(trace->trace_id, id);
  ASSERT_EQ(trace->spans.size(), 2u);
  const auto& child = trace->spans[1].parent_span_id.empty() ? trace->spans[0] : trace->spans[1];
  EXPECT_EQ(child.parent_span_id, "00000000000000a1");
  EXPECT_EQ(child.kind, "client");
  EXPECT_EQ(child.service, "gateway");
  EXPECT_EQ(client.services(), std::vector<std::string>{"gateway"});
}

TEST_F(JaegerContract, ShortTraceIdsAreNormalisedBackTo32Chars) {
  const std::string id = "0000000000000000000000000000abcd";
  jaeger.post(testing::encode_otlp_traces("gateway", one_hop(id)));
  httplib::Client raw(jaeger.query_url());
  EXPECT_THAT(raw.Get(("/api/traces/" + id).c_str())->body,
              HasSubstr(R"("traceID":"000000000000abcd")"));
  const auto trace = client.trace(id);
  ASSERT_TRUE(trace.has_value());
  EXPECT_EQ(trace->trace_id, id);
}

TEST_F(JaegerContract, AnAbsentTraceIsNotFound) {
  EXPECT_FALSE(client.trace("11111111111111111111111111111111").has_value());
  httplib::Client raw(jaeger.query_url());
  const auto res = raw.Get("/api/traces/11111111111111111111111111111111");
  EXPECT_EQ(res->status, 404);
  EXPECT_THAT(res->body, HasSubstr(R"("msg":"trace not found")"));
}

TEST_F(JaegerContract, MalformedExportsAreRejectedWith400) {
  EXPECT_EQ(jaeger.post("{not json").first, 400);
  const auto string_enum =
      R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736",
      "spanId":"00f067aa0ba902b7","kind":"SPAN_KIND_SERVER","startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]})";
  const auto [status, body] = jaeger.post(string_enum);
  EXPECT_EQ(status, 400);
  EXPECT_THAT(body, HasSubstr("integer enum"));
  EXPECT_EQ(
      jaeger
          .post(
              R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz","spanId":"00f067aa0ba902b7"}]}]}]})")
          .first,
      400);
}

TEST_F(JaegerContract, SearchUsesMicrosecondsAndTheService) {
  jaeger.post(testing::encode_otlp_traces("gateway", one_hop("4bf92f3577b34da6a3ce929d0e0e4736")));
  const auto at = TimePoint(std::chrono::nanoseconds(1'795'000'000'000'000'000));
  EXPECT_EQ(
      client.find_traces("gateway", at - std::chrono::seconds(1), at + std::chrono::seconds(1), 10)
          .size(),
      1u);
  EXPECT_TRUE(
      client.find_traces("gateway", at + std::chrono::seconds(1), at + std::chrono::seconds(2), 10)
          .empty());
  EXPECT_TRUE(
      client.find_traces("orders", at - std::chrono::seconds(1), at + std::chrono::seconds(1), 10)
          .empty());
}

TEST_F(JaegerContract, MemoryStorageLosesEverythingOnRestart) {
  const std::string id = "4bf92f3577b34da6a3ce929d0e0e4736";
  jaeger.post(testing::encode_otlp_traces("gateway", one_hop(id)));
  jaeger.stop();
  jaeger.start();
  JaegerClient after(http, jaeger.query_url());
  EXPECT_FALSE(after.trace(id).has_value());
  EXPECT_EQ(jaeger.health_status(), 200);
}

TEST_F(JaegerContract, ProtobufBodiesAreRefusedClearly) {
  EXPECT_EQ(jaeger.post("\x0a\x00", "application/x-protobuf").first, 415);
}

// The official image takes its memory store's bound as --set on top of its built-in
// configuration; the stand-in takes it the same way and refuses what it does not reproduce.
TEST(JaegerStandinSettings, MaxTracesIsSetAsTheOfficialImageTakesIt) {
  EXPECT_EQ(std::get<std::size_t>(standin::max_traces_from({})), 100'000u);
  EXPECT_EQ(std::get<std::size_t>(
                standin::max_traces_from({std::string(standin::kMaxTracesKey) + "=1000000"})),
            1'000'000u);
}

TEST(JaegerStandinSettings, AnyOtherSettingOrABadNumberIsRefusedByName) {
  const auto other = standin::max_traces_from({"processors.batch.timeout=2s"});
  ASSERT_TRUE(std::holds_alternative<std::string>(other));
  EXPECT_THAT(std::get<std::string>(other), HasSubstr("'processors.batch.timeout=2s' is not "
                                                      "reproduced"));
  const auto bad = standin::max_traces_from({std::string(standin::kMaxTracesKey) + "=lots"});
  ASSERT_TRUE(std::holds_alternative<std::string>(bad));
  EXPECT_THAT(std::get<std::string>(bad), HasSubstr("not 'lots'"));
}

// Jaeger v2's receivers and query server are the OpenTelemetry Collector's confighttp
// servers, which keep an idle keep-alive connection for 1 minute. The SDK's exporter reuses
// its connection after a pause; a server that closes it sooner makes that export meet a reset.
TEST(JaegerStandinConnections, AnIdleKeepAliveConnectionIsKeptForTheNextRequest) {
  JaegerStandin jaeger;
  testing::KeepAliveConnection connection(jaeger.ports().health);
  ASSERT_EQ(connection.get("/status"), 200);
  EXPECT_FALSE(connection.closed_by_server_within(std::chrono::milliseconds(2500)))
      << "an idle connection was closed within 2.5 s; Jaeger keeps it a minute";
  EXPECT_EQ(connection.get("/status"), 200);
  EXPECT_EQ(standin::kIdleTimeout, std::chrono::seconds(60));
}

// Go's http.Server.Shutdown closes idle connections at once instead of waiting out their
// idle timeout; the stand-in does the same on every port.
TEST(JaegerStandinConnections, StopClosesIdleKeepAliveConnectionsOnEveryPortAtOnce) {
  JaegerStandin jaeger;
  testing::KeepAliveConnection otlp(jaeger.ports().otlp_http);
  testing::KeepAliveConnection query(jaeger.ports().query);
  testing::KeepAliveConnection health(jaeger.ports().health);
  ASSERT_EQ(otlp.get("/v1/traces"), 404);
  ASSERT_EQ(query.get("/"), 200);
  ASSERT_EQ(health.get("/status"), 200);
  auto stopped = std::async(std::launch::async, [&jaeger] { jaeger.stop(); });
  EXPECT_EQ(stopped.wait_for(std::chrono::seconds(10)), std::future_status::ready)
      << "stop() waited for an idle connection's timeout";
  for (const auto* connection : {&otlp, &query, &health})
    EXPECT_TRUE(connection->closed_by_server_within(std::chrono::seconds(1)));
}

}  // namespace
}  // namespace unbroken
