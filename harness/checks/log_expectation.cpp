#include "harness/checks/log_expectation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/backends/jaeger_response.h"
#include "harness/checks/workload_log.h"
#include "harness/core/errors.h"

namespace unbroken {

LogExpectation LogExpectation::from(const Params& params) {
  LogExpectation e;
  const auto fail = [&](const std::string& what) {
    throw ConfigError(params.where(), "check 'logs.completeness': " + what);
  };
  e.services_ = params.list_or("services", "");
  if (e.services_.empty()) {
    fail(
        "needs 'services': the services expected to log for every request (e.g. services: "
        "api, worker)");
  }
  const auto per_request = params.number_or("lines_per_request", 1);
  if (per_request < 1 || per_request != static_cast<int>(per_request)) {
    fail("lines_per_request must be a whole number of at least 1");
  }
  e.lines_per_request_ = static_cast<int>(per_request);
  e.service_label_ = params.string_or("service_label", "service");
  e.selector_ = params.string_or(
      "selector", fmt::format("{{{}=~\"{}\"}}", e.service_label_, fmt::join(e.services_, "|")));
  const auto match = params.string_or("match", "trace_id");
  if (match != "trace_id" && match != "workload") {
    fail(fmt::format("match must be trace_id or workload, got '{}'", match));
  }
  e.by_seq_ = match == "workload";
  e.trace_id_field_ = params.string_or("trace_id_field", "trace_id");
  if (params.has("trace_id_regex")) {
    if (params.has("trace_id_field")) fail("give trace_id_field or trace_id_regex, not both");
    e.trace_id_regex_text_ = params.string_or("trace_id_regex", "");
    try {
      e.trace_id_regex_.emplace(e.trace_id_regex_text_);
    } catch (const std::regex_error& err) {
      fail(fmt::format("trace_id_regex '{}' is not a regular expression: {}",
                       e.trace_id_regex_text_, err.what()));
    }
    if (e.trace_id_regex_->mark_count() < 1) fail("trace_id_regex needs a group: (…)");
  }
  if (e.by_seq_ && (params.has("trace_id_field") || params.has("trace_id_regex"))) {
    fail(
        "match: workload reads the workload's own fields; trace_id_field and trace_id_regex "
        "are for match: trace_id");
  }
  return e;
}

std::optional<LineOwner> LogExpectation::owner(
    const LogLine& line, const RequestLedger& ledger,
    const std::map<std::string, std::uint64_t>& seq_of_trace) const {
  if (by_seq_) {
    const auto log = parse_workload_log(line.line);
    if (!log || log->seq < 0 || static_cast<std::size_t>(log->seq) >= ledger.records().size()) {
      return std::nullopt;
    }
    return LineOwner{log->service, static_cast<std::uint64_t>(log->seq), log->trace_id};
  }
  std::string trace_id;
  if (trace_id_regex_) {
    std::smatch m;
    if (std::regex_search(line.line, m, *trace_id_regex_)) trace_id = m[1].str();
  } else {
    const auto doc = nlohmann::json::parse(line.line, nullptr, false);
    if (!doc.is_discarded() && doc.is_object() && doc.contains(trace_id_field_) &&
        doc[trace_id_field_].is_string()) {
      trace_id = doc[trace_id_field_].get<std::string>();
    }
  }
  const auto found = seq_of_trace.find(normalize_trace_id(trace_id));
  if (found == seq_of_trace.end()) return std::nullopt;
  const auto service = line.stream.find(service_label_);
  return LineOwner{service == line.stream.end() ? std::string() : service->second, found->second,
                   found->first};
}

nlohmann::json LogExpectation::to_json() const {
  nlohmann::json j{{"services", services_},
                   {"lines_per_request", lines_per_request_},
                   {"selector", selector_},
                   {"match", by_seq_ ? "workload" : "trace_id"}};
  if (!by_seq_) {
    j["service_label"] = service_label_;
    if (trace_id_regex_) {
      j["trace_id_regex"] = trace_id_regex_text_;
    } else {
      j["trace_id_field"] = trace_id_field_;
    }
  }
  return j;
}

}  // namespace unbroken
