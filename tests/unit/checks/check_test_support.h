// Helpers for check tests: a Prometheus that answers raw-sample queries from a table of
// series, and a CheckContext over it.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "harness/checks/check.h"
#include "tests/fakes/fake_http_transport.h"
#include "tests/support/reference_system.h"

namespace unbroken::testing {

// A fake Prometheus holding `series`; answers instant queries of range selectors with the
// samples in (time - range, time], as Prometheus does. It also plays the webhook receiver,
// answering GET /notifications with `notifications`.
class FakePrometheus {
 public:
  std::vector<PromSeries> series;
  std::string notifications = "[]";
  std::vector<std::string> alerting_rules;  // what /api/v1/rules answers

  FakeHttpTransport transport{[this](const RecordedRequest& r) { return answer(r); }};

 private:
  HttpResponse answer(const RecordedRequest& r) {
    if (r.path == "/notifications") return {200, notifications};
    if (r.path == "/api/v1/rules") {
      std::vector<std::string> rules;
      for (const auto& name : alerting_rules) {
        rules.push_back(fmt::format(R"({{"name":"{}","type":"alerting"}})", name));
      }
      return {200, fmt::format(R"({{"status":"success","data":{{"groups":[{{"name":"g",)"
                               R"("rules":[{}]}}]}}}})",
                               fmt::join(rules, ","))};
    }
    const double at = std::stod(r.params.find("time")->second);
    const auto& query = r.params.find("query")->second;
    const auto bracket = query.rfind('[');
    const double range = std::stod(query.substr(bracket + 1)) / 1000.0;
    std::vector<std::string> items;
    for (const auto& s : series) {
      std::vector<std::string> values;
      for (const auto& p : s.samples) {
        if (p.t > at - range && p.t <= at)
          values.push_back(fmt::format("[{:.3f},\"{}\"]", p.t, p.value));
      }
      if (values.empty()) continue;
      std::vector<std::string> labels;
      for (const auto& [k, v] : s.labels) labels.push_back(fmt::format("\"{}\":\"{}\"", k, v));
      items.push_back(fmt::format(R"({{"metric":{{{}}},"values":[{}]}})", fmt::join(labels, ","),
                                  fmt::join(values, ",")));
    }
    return {200,
            fmt::format(R"({{"status":"success","data":{{"resultType":"matrix","result":[{}]}}}})",
                        fmt::join(items, ","))};
  }
};

// The reference system's signal paths, from compose/system.yaml.
inline const SignalPaths& reference_paths() {
  return reference_system().signals;
}

// A context whose every client asks `transport`, for the load [from, to]; Jaeger's and
// Loki's APIs are `jaeger` and `loki` when given.
inline CheckContext context_on(HttpTransport& transport, double from, double to,
                               HttpTransport* jaeger = nullptr, HttpTransport* loki = nullptr) {
  CheckContext ctx{
      .prometheus = PrometheusClient(transport, "http://127.0.0.1:9090"),
      .jaeger = JaegerClient(jaeger ? *jaeger : transport, "http://127.0.0.1:16686"),
      .loki = LokiClient(loki ? *loki : transport, "http://127.0.0.1:3100"),
      .webhook = WebhookClient(transport, "http://127.0.0.1:8080"),
      .grafana = GrafanaClient(transport, "http://127.0.0.1:3000", {}),
      .alertmanager = AlertmanagerClient(transport, "http://127.0.0.1:9093"),
      .paths = reference_paths(),
      .scrape_interval = Millis(1000),
      .http = &transport,
      .service_url = [](const std::string& service) { return "http://" + service + ":1"; },
      .run_id = "test-run"};
  ctx.stack_ready = from_unix_seconds(from - 5);
  ctx.observe_from = from_unix_seconds(from);
  ctx.observe_to = from_unix_seconds(to);
  ctx.now = from_unix_seconds(to + 5);
  return ctx;
}

// A context over `prom` for the load [from, to]; Jaeger's and Loki's APIs are `jaeger`
// and `loki` when given.
inline CheckContext context_over(FakePrometheus& prom, double from, double to,
                                 HttpTransport* jaeger = nullptr, HttpTransport* loki = nullptr) {
  return context_on(prom.transport, from, to, jaeger, loki);
}

inline CheckSpec spec(const std::string& name, std::map<std::string, std::string> params) {
  CheckSpec s{name, Params(SourceLocation{"test.yaml", 1, 1}), SourceLocation{"test.yaml", 1, 1}};
  for (const auto& [k, v] : params) s.params.set(k, {v, SourceLocation{"test.yaml", 2, 3}});
  return s;
}

inline std::vector<PromSample> samples_every_second(double from, double to, double value = 1) {
  std::vector<PromSample> out;
  for (double t = from; t <= to; t += 1.0) out.push_back({t, value});
  return out;
}

}  // namespace unbroken::testing
