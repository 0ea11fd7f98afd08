// LogExpectation: which log lines each request must leave in Loki, as a scenario states it
// for logs.completeness and correlation.trace_logs:
//   services: a, b           the services expected to log for every request (required)
//   lines_per_request: 1     lines each of them logs per request (default 1)
//   selector: '{…}'          the LogQL stream selector that reads them (default
//                            {<service_label>=~"a|b"})
//   service_label: service   the stream label that names the service (default "service")
//   match: trace_id          (default) a line belongs to the request whose trace id it carries:
//                            its JSON field `trace_id_field` (default trace_id), or the first
//                            group of `trace_id_regex`. Lines that carry no trace id, or one the
//                            driver never started (a health probe's), are counted, not judged.
//   match: workload          the reference workload's JSON lines {"service","seq","trace_id"}:
//                            keyed by seq; a line naming the wrong trace is "broken" and a line
//                            that is not the workload's is "unexpected".
// and, read by correlation.trace_logs only, the span a line names:
//   span_id_field: span_id   its JSON field (default span_id), or the first group of
//   span_id_regex            (for match: trace_id; match: workload reads the workload's own)
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "harness/backends/loki_response.h"
#include "harness/core/param_decl.h"
#include "harness/core/params.h"
#include "harness/ledger/request_ledger.h"

namespace unbroken {

// What one line says: which service logged it for which request.
struct LineOwner {
  std::string service;
  std::uint64_t seq = 0;
  std::string trace_id;  // as the line names it
  std::string span_id;   // as the line names it; empty when it names none
};

class LogExpectation {
 public:
  // Reads the parameters above for the check named `check`; throws ConfigError at the
  // parameters' location.
  static LogExpectation from(const Params& params, const std::string& check);
  // The keys above; `with_span` adds span_id_field and span_id_regex.
  static ParamDecls parameters(bool with_span);

  const std::vector<std::string>& services() const { return services_; }
  int lines_per_request() const { return lines_per_request_; }
  const std::string& selector() const { return selector_; }
  bool keyed_by_seq() const { return by_seq_; }
  // Whose line `line` is; nullopt when it belongs to no request of `ledger` (see above).
  std::optional<LineOwner> owner(const LogLine& line, const RequestLedger& ledger) const;
  nlohmann::json to_json() const;

 private:
  std::vector<std::string> services_;
  int lines_per_request_ = 1;
  std::string selector_;
  std::string service_label_ = "service";
  bool by_seq_ = false;
  std::string trace_id_field_ = "trace_id";
  std::optional<std::regex> trace_id_regex_;
  std::string trace_id_regex_text_;
  std::string span_id_field_ = "span_id";
  std::optional<std::regex> span_id_regex_;
  std::string span_id_regex_text_;
};

}  // namespace unbroken
