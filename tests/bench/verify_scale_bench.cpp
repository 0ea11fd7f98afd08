// How long the item-by-item checks take at scale: logs.completeness over 100,002 log lines
// (33,334 requests × 3 services) and traces.completeness over 20,000 traces of 5 spans,
// against the in-process Jaeger and Loki stand-ins over real HTTP on 127.0.0.1.
// Not a test; prints figures. Usage: build/<preset>/tests/verify_scale_bench
#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "fixtures/standins/jaeger/jaeger_server.h"
#include "fixtures/standins/loki/loki_server.h"
#include "fixtures/workload/log_line.h"
#include "harness/backends/httplib_transport.h"
#include "harness/checks/logs_completeness.h"
#include "harness/checks/traces_completeness.h"
#include "tests/support/free_port.h"
#include "tests/support/otlp_json.h"
#include "tests/support/reference_system.h"

namespace unbroken {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

CheckSpec spec(const std::string& name) {
  return {name, Params(SourceLocation{"bench", 1, 1}), SourceLocation{"bench", 1, 1}};
}

// traces.completeness as the reference scenarios state it: the workload's exact chain.
CheckSpec traces_spec() {
  auto s = spec("traces.completeness");
  s.params.set("services", {"gateway,orders,inventory", s.where});
  s.params.set("shape", {"chain", s.where});
  return s;
}

// Pushes the three services' lines for requests [0, n) of `ledger` to Loki.
void push_logs(const std::string& loki_url, const RequestLedger& ledger, std::size_t n) {
  httplib::Client client(loki_url);
  for (const char* service : {"gateway", "orders", "inventory"}) {
    for (std::size_t first = 0; first < n; first += 1000) {
      std::vector<workload::LogLine> lines;
      for (auto seq = first; seq < std::min(n, first + 1000); ++seq) {
        const auto& r = ledger.record(seq);
        const auto trace_id = ledger.trace_id(seq);
        const auto ts =
            std::chrono::duration_cast<std::chrono::nanoseconds>(r.sent_at.time_since_epoch())
                .count();
        lines.push_back({ts, workload::format_log_line(service, static_cast<std::int64_t>(seq),
                                                       trace_id, "s", "/work", 200)});
      }
      client.Post("/loki/api/v1/push", workload::encode_loki_push(service, lines),
                  "application/json");
    }
  }
}

// Exports the five-span tree of requests [0, n) to Jaeger.
void push_traces(const std::string& otlp_url, const RequestLedger& ledger, std::size_t n) {
  httplib::Client client(otlp_url);
  using testing::SpanKind;
  for (std::size_t first = 0; first < n; first += 200) {
    std::vector<testing::Span> gateway, orders, inventory;  // each service exports its own
    for (auto seq = first; seq < std::min(n, first + 200); ++seq) {
      const auto trace_id = ledger.trace_id(seq);
      const auto id = [&](int k) { return fmt::format("{:08x}{:08x}", seq + 1, k); };
      gateway.push_back({trace_id,
                         id(1),
                         ledger.driver_span_id(seq),
                         "GET /work",
                         SpanKind::kServer,
                         1,
                         9,
                         {},
                         false});
      gateway.push_back({trace_id, id(2), id(1), "GET orders", SpanKind::kClient, 2, 8, {}, false});
      orders.push_back({trace_id, id(3), id(2), "GET /work", SpanKind::kServer, 3, 7, {}, false});
      orders.push_back(
          {trace_id, id(4), id(3), "GET inventory", SpanKind::kClient, 4, 6, {}, false});
      inventory.push_back(
          {trace_id, id(5), id(4), "GET /work", SpanKind::kServer, 5, 5, {}, false});
    }
    client.Post("/v1/traces", testing::encode_otlp_traces("gateway", gateway), "application/json");
    client.Post("/v1/traces", testing::encode_otlp_traces("orders", orders), "application/json");
    client.Post("/v1/traces", testing::encode_otlp_traces("inventory", inventory),
                "application/json");
  }
}

int run() {
  constexpr std::size_t kLogRequests = 33'334;
  constexpr std::size_t kTraces = 20'000;
  const auto dir = std::filesystem::temp_directory_path() / "unbroken-verify-bench";
  std::filesystem::remove_all(dir);

  standin::LokiConfig loki_config;
  loki_config.http_port = testing::free_port();
  loki_config.path_prefix = dir;
  loki_config.min_ready_duration = std::chrono::milliseconds(0);
  standin::LokiServer loki(loki_config);
  std::thread loki_thread([&] { loki.listen("127.0.0.1"); });
  const standin::JaegerPorts ports{testing::free_port(), testing::free_port(),
                                   testing::free_port()};
  standin::JaegerServer jaeger(ports, 100'000);
  std::thread jaeger_thread([&] { jaeger.listen("127.0.0.1"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  const auto now = WallClock::now();
  RequestLedger ledger("bench-run");
  ledger.plan(kLogRequests);
  for (std::size_t seq = 0; seq < kLogRequests; ++seq) {
    ledger.record_sent(seq, now - std::chrono::seconds(600) + std::chrono::microseconds(seq * 10));
    ledger.record_success(seq, ledger.record(seq).sent_at);
  }
  const auto loki_url = fmt::format("http://127.0.0.1:{}", loki_config.http_port);
  const auto push_started = Clock::now();
  push_logs(loki_url, ledger, kLogRequests);
  push_traces(fmt::format("http://127.0.0.1:{}", ports.otlp_http), ledger, kTraces);
  std::printf("loaded %zu log lines and %zu traces in %.1f s\n", kLogRequests * 3, kTraces,
              seconds_since(push_started));

  HttplibTransport http;
  CheckContext ctx{.prometheus = PrometheusClient(http, "http://127.0.0.1:1"),
                   .jaeger = JaegerClient(http, fmt::format("http://127.0.0.1:{}", ports.query)),
                   .loki = LokiClient(http, loki_url),
                   .webhook = WebhookClient(http, "http://127.0.0.1:1"),
                   .grafana = GrafanaClient(http, "http://127.0.0.1:1", {}),
                   .alertmanager = AlertmanagerClient(http, "http://127.0.0.1:1"),
                   .ledger = ledger.totals(),
                   .requests = &ledger,
                   .stack_ready = now - std::chrono::seconds(700),
                   .now = now,
                   .scrape_interval = Millis(1000),
                   .http = &http,
                   .run_id = "bench"};

  auto t = Clock::now();
  auto logs_spec = spec("logs.completeness");
  logs_spec.params.set("services", {"gateway,orders,inventory", logs_spec.where});
  logs_spec.params.set("match", {"workload", logs_spec.where});
  const auto logs = LogsCompleteness(logs_spec, reference_system()).evaluate(ctx);
  std::printf("logs.completeness over %zu lines: %s in %.2f s (%s)\n", kLogRequests * 3,
              std::string(to_string(logs.status)).c_str(), seconds_since(t), logs.reason.c_str());

  // traces.completeness judges every succeeded request: give it a ledger of 20,000.
  RequestLedger trace_ledger("bench-run");
  trace_ledger.plan(kTraces);
  for (std::size_t seq = 0; seq < kTraces; ++seq) {
    trace_ledger.record_sent(seq, ledger.record(seq).sent_at);
    trace_ledger.record_success(seq, ledger.record(seq).sent_at);
  }
  ctx.requests = &trace_ledger;
  t = Clock::now();
  const auto traces = TracesCompleteness(traces_spec(), reference_system()).evaluate(ctx);
  std::printf("traces.completeness over %zu traces: %s in %.2f s (%s)\n", kTraces,
              std::string(to_string(traces.status)).c_str(), seconds_since(t),
              traces.reason.c_str());

  loki.stop();
  jaeger.stop();
  loki_thread.join();
  jaeger_thread.join();
  std::filesystem::remove_all(dir);
  return logs.status == VerdictStatus::kPassed && traces.status == VerdictStatus::kPassed ? 0 : 1;
}

}  // namespace
}  // namespace unbroken

int main() {
  return unbroken::run();
}
