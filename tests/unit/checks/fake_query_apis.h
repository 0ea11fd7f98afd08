// In-process stand-ins for the query APIs the trace and log checks read — Jaeger's
// /api/traces and Loki's query_range — answering from tables a test fills, and the
// reference workload's trace and log line for a request.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/backends/jaeger_response.h"
#include "harness/checks/fault_window.h"
#include "harness/core/time.h"
#include "harness/ledger/request_ledger.h"
#include "tests/fakes/fake_http_transport.h"

namespace unbroken::testing {

// A Jaeger that holds `traces` and answers GET /api/traces/{id} and the trace search.
class FakeJaeger {
 public:
  std::map<std::string, TraceRecord> traces;
  FakeHttpTransport transport{[this](const RecordedRequest& r) { return answer(r); }};

 private:
  static nlohmann::json to_json(const TraceRecord& t) {
    nlohmann::json spans = nlohmann::json::array();
    nlohmann::json processes = nlohmann::json::object();
    for (const auto& s : t.spans) {
      processes["p-" + s.service] = {{"serviceName", s.service}};
      nlohmann::json span{{"spanID", s.span_id},
                          {"operationName", s.operation},
                          {"processID", "p-" + s.service},
                          {"startTime", s.start_us},
                          {"duration", s.duration_us},
                          {"tags", {{{"key", "span.kind"}, {"value", s.kind}}}},
                          {"references", nlohmann::json::array()}};
      if (!s.parent_span_id.empty()) {
        span["references"].push_back({{"refType", "CHILD_OF"}, {"spanID", s.parent_span_id}});
      }
      spans.push_back(span);
    }
    return {{"traceID", t.trace_id}, {"spans", spans}, {"processes", processes}};
  }
  HttpResponse answer(const RecordedRequest& r) {
    nlohmann::json data = nlohmann::json::array();
    if (r.path == "/api/traces") {
      for (const auto& [id, t] : traces) data.push_back(to_json(t));
    } else {
      const auto found = traces.find(r.path.substr(std::string("/api/traces/").size()));
      if (found == traces.end()) return {404, R"({"data":null,"errors":[{"code":404}]})"};
      data.push_back(to_json(found->second));
    }
    return {200, nlohmann::json{{"data", data}}.dump()};
  }
};

// The reference chain's five spans of request `seq` of `ledger`, under the driver's span.
inline TraceRecord complete_trace(const RequestLedger& ledger, std::uint64_t seq) {
  return {ledger.trace_id(seq),
          {{"a1", ledger.driver_span_id(seq), "GET /work", "gateway", "server", 0, 5},
           {"a2", "a1", "GET orders", "gateway", "client", 1, 3},
           {"b1", "a2", "GET /work", "orders", "server", 1, 3},
           {"b2", "b1", "GET inventory", "orders", "client", 2, 1},
           {"c1", "b2", "GET /work", "inventory", "server", 2, 1}}};
}

struct StoredLine {
  std::string service;
  std::int64_t ts_ns;
  std::string line;
};

// A Loki that holds `lines` and answers every query_range with all of them, oldest first.
class FakeLoki {
 public:
  std::vector<StoredLine> lines;
  FakeHttpTransport transport{[this](const RecordedRequest&) { return answer(); }};

 private:
  HttpResponse answer() {
    nlohmann::json result = nlohmann::json::array();
    for (const auto& l : lines) {
      result.push_back(
          {{"stream", {{"service", l.service}}},
           {"values",
            nlohmann::json::array({nlohmann::json::array({std::to_string(l.ts_ns), l.line})})}});
    }
    return {200, nlohmann::json{{"status", "success"},
                                {"data", {{"resultType", "streams"}, {"result", result}}}}
                     .dump()};
  }
};

// The line `service` logs for request `r`, naming `trace_id` and the span id its server
// span has in complete_trace.
inline std::string workload_line(const std::string& service, const RequestRecord& r,
                                 const std::string& trace_id) {
  const std::string span = service == "gateway" ? "a1" : service == "orders" ? "b1" : "c1";
  return nlohmann::json{{"level", "info"},      {"service", service}, {"seq", r.seq},
                        {"trace_id", trace_id}, {"span_id", span},    {"route", "/work"},
                        {"status", 200}}
      .dump();
}

// Plans `n` requests, sent one a second from `start` (unix seconds), every one succeeded.
inline void succeed_one_a_second(RequestLedger& ledger, std::uint64_t n, double start) {
  ledger.plan(n);
  for (std::uint64_t seq = 0; seq < n; ++seq) {
    ledger.record_sent(seq, from_unix_seconds(start + static_cast<double>(seq)));
    ledger.record_success(seq, from_unix_seconds(start + static_cast<double>(seq)));
  }
}

// A window of `fault` on `target` whose effect was verified, from `from` to `to` seconds
// after `start`.
inline FaultWindow verified_window(const std::string& fault, const std::string& target,
                                   double start, double from, double to, bool declared = true) {
  return {fault, target, from_unix_seconds(start + from), from_unix_seconds(start + to), declared,
          true,  target};
}

}  // namespace unbroken::testing
