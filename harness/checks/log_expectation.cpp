#include "harness/checks/log_expectation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/backends/jaeger_response.h"
#include "harness/checks/workload_log.h"
#include "harness/core/errors.h"

namespace unbroken {

namespace {

// The first group of `regex` in `text`, or "".
std::string first_group(const std::regex& regex, const std::string& text) {
  std::smatch m;
  return std::regex_search(text, m, regex) ? m[1].str() : std::string();
}

// The string field `field` of the JSON object `doc`, or "".
std::string string_field(const nlohmann::json& doc, const std::string& field) {
  if (doc.is_discarded() || !doc.is_object() || !doc.contains(field) || !doc[field].is_string()) {
    return {};
  }
  return doc[field].get<std::string>();
}

}  // namespace

ParamDecls LogExpectation::parameters(bool with_span) {
  ParamDecls decls{
      {"services", ParamType::kList, "", true, "the services expected to log for every request"},
      {"lines_per_request", ParamType::kNumber, "1", false,
       "lines each of them logs per request (logs.completeness)"},
      {"selector", ParamType::kLogSelector, "{service=~\"a|b\"}", false,
       "the LogQL stream selector that reads them"},
      {"service_label", ParamType::kText, "service", false,
       "the stream label that names the service"},
      {"match",
       ParamType::kChoice,
       "trace_id",
       false,
       "trace_id: a line belongs to the request whose trace id it carries; workload: the "
       "reference workload's lines, keyed by seq",
       {"trace_id", "workload"}},
      {"trace_id_field", ParamType::kText, "trace_id", false,
       "the JSON field that holds a line's trace id"},
      {"trace_id_regex", ParamType::kText, "", false,
       "or a regular expression whose first group is the trace id"}};
  if (with_span) {
    decls.push_back({"span_id_field", ParamType::kText, "span_id", false,
                     "the JSON field that holds the span a line names"});
    decls.push_back({"span_id_regex", ParamType::kText, "", false,
                     "or a regular expression whose first group is the span id"});
  }
  return decls;
}

LogExpectation LogExpectation::from(const Params& params, const std::string& check) {
  LogExpectation e;
  const auto fail = [&](const std::string& what) {
    throw ConfigError(params.where(), fmt::format("check '{}': {}", check, what));
  };
  // A regular expression with a group, from parameter `key`.
  const auto group_regex = [&](const std::string& key, std::string& text) {
    text = params.string_or(key, "");
    std::optional<std::regex> regex;
    try {
      regex.emplace(text);
    } catch (const std::regex_error& err) {
      fail(fmt::format("{} '{}' is not a regular expression: {}", key, text, err.what()));
    }
    if (regex->mark_count() < 1) fail(key + " needs a group: (…)");
    return regex;
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
    e.trace_id_regex_ = group_regex("trace_id_regex", e.trace_id_regex_text_);
  }
  e.span_id_field_ = params.string_or("span_id_field", "span_id");
  if (params.has("span_id_regex")) {
    if (params.has("span_id_field")) fail("give span_id_field or span_id_regex, not both");
    e.span_id_regex_ = group_regex("span_id_regex", e.span_id_regex_text_);
  }
  if (e.by_seq_) {
    for (const char* key : {"trace_id_field", "trace_id_regex", "span_id_field", "span_id_regex"}) {
      if (params.has(key)) {
        fail(fmt::format(
            "match: workload reads the workload's own fields; {} is for match: trace_id", key));
      }
    }
  }
  return e;
}

std::optional<LineOwner> LogExpectation::owner(const LogLine& line,
                                               const RequestLedger& ledger) const {
  if (by_seq_) {
    const auto log = parse_workload_log(line.line);
    if (!log || log->seq < 0 || static_cast<std::size_t>(log->seq) >= ledger.records().size()) {
      return std::nullopt;
    }
    return LineOwner{log->service, static_cast<std::uint64_t>(log->seq), log->trace_id,
                     log->span_id};
  }
  const auto doc = trace_id_regex_ && span_id_regex_
                       ? nlohmann::json(nlohmann::json::value_t::discarded)
                       : nlohmann::json::parse(line.line, nullptr, false);
  const auto trace_id = trace_id_regex_ ? first_group(*trace_id_regex_, line.line)
                                        : string_field(doc, trace_id_field_);
  auto normalized = normalize_trace_id(trace_id);
  const auto seq = ledger.seq_of(normalized);
  if (!seq) return std::nullopt;
  const auto service = line.stream.find(service_label_);
  return LineOwner{
      service == line.stream.end() ? std::string() : service->second, *seq, std::move(normalized),
      span_id_regex_ ? first_group(*span_id_regex_, line.line) : string_field(doc, span_id_field_)};
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
    if (span_id_regex_) {
      j["span_id_regex"] = span_id_regex_text_;
    } else {
      j["span_id_field"] = span_id_field_;
    }
  }
  return j;
}

}  // namespace unbroken
