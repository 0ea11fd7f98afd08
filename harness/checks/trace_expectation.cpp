#include "harness/checks/trace_expectation.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "harness/core/errors.h"

namespace unbroken {
namespace {

// Spans whose parent is neither in the trace nor the driver's span: the SDK did not continue
// the driver's trace there (a new root), or the parent was lost on the way.
bool linked(const SpanRecord& span, const std::set<std::string>& ids,
            const std::string& driver_span_id) {
  return span.parent_span_id == driver_span_id || ids.count(span.parent_span_id) > 0;
}

}  // namespace

ParamDecls TraceExpectation::parameters() {
  return {{"services", ParamType::kList, "", true,
           "the services whose spans each request's trace holds, the load's entry first"},
          {"shape",
           ParamType::kChoice,
           "spans",
           false,
           "spans: each service at least once, every parent inside the trace; chain: the "
           "reference workload's server/client chain",
           {"spans", "chain"}},
          {"min_spans", ParamType::kNumber, "one per service", false,
           "the fewest spans a trace may hold (shape spans)"}};
}

TraceExpectation TraceExpectation::from(const Params& params, const std::string& check) {
  TraceExpectation e;
  e.services_ = params.list_or("services", "");
  if (e.services_.empty()) {
    throw ConfigError(params.where(),
                      fmt::format("check '{}' needs 'services': the services whose spans each "
                                  "request's trace holds, the load's entry first (e.g. "
                                  "services: gateway, orders)",
                                  check));
  }
  const auto shape = params.string_or("shape", "spans");
  if (shape != "spans" && shape != "chain") {
    throw ConfigError(
        params.where(),
        fmt::format("check '{}': shape must be spans or chain, got '{}'", check, shape));
  }
  e.chain_ = shape == "chain";
  const auto min_spans = params.number_or("min_spans", static_cast<double>(e.services_.size()));
  if (e.chain_ && params.has("min_spans")) {
    throw ConfigError(params.where(), fmt::format("check '{}': min_spans is for shape spans (a "
                                                  "chain has exactly 2n-1 spans)",
                                                  check));
  }
  if (min_spans < 1) {
    throw ConfigError(params.where(),
                      fmt::format("check '{}': min_spans must be at least 1", check));
  }
  e.min_spans_ = static_cast<std::size_t>(min_spans);
  return e;
}

std::vector<TraceProblem> TraceExpectation::problems(const TraceRecord& trace,
                                                     const std::string& driver_span_id) const {
  if (chain_) return trace_problems(trace, driver_span_id, services_);
  std::vector<TraceProblem> found;
  std::map<std::string, int> copies;
  std::set<std::string> ids;
  for (const auto& s : trace.spans) {
    ++copies[s.span_id];
    ids.insert(s.span_id);
  }
  for (const auto& s : trace.spans) {
    if (copies[s.span_id] > 1) {
      found.push_back({TraceProblem::Kind::kDuplicated, s.service,
                       fmt::format("span {} stored {} times", s.span_id, copies[s.span_id])});
      copies[s.span_id] = 1;  // reported once
    }
    if (!linked(s, ids, driver_span_id)) {
      found.push_back({TraceProblem::Kind::kBrokenLink, s.service,
                       s.parent_span_id.empty()
                           ? fmt::format("{} span {} is a root: the driver's trace was not "
                                         "continued",
                                         s.service, s.span_id)
                           : fmt::format("{} span {} has parent {}, which is not in the trace",
                                         s.service, s.span_id, s.parent_span_id)});
    }
  }
  const bool under_driver = std::any_of(trace.spans.begin(), trace.spans.end(), [&](const auto& s) {
    return s.parent_span_id == driver_span_id;
  });
  if (!under_driver) {
    found.push_back({TraceProblem::Kind::kMissing, entry(),
                     fmt::format("no span under the driver's span {}", driver_span_id)});
  }
  std::set<std::string> present;
  for (const auto& s : trace.spans) present.insert(s.service);
  for (const auto& service : services_) {
    if (!present.count(service)) {
      found.push_back({TraceProblem::Kind::kMissing, service, "no " + service + " span"});
    }
  }
  if (ids.size() < min_spans_) {
    found.push_back(
        {TraceProblem::Kind::kMissing, "",
         fmt::format("{} spans where at least {} were expected", ids.size(), min_spans_)});
  }
  return found;
}

std::vector<std::string> TraceExpectation::arrived(const TraceRecord& trace,
                                                   const std::string& driver_span_id) const {
  if (chain_) return services_arrived(trace, driver_span_id, services_);
  std::set<std::string> ids;
  for (const auto& s : trace.spans) ids.insert(s.span_id);
  std::vector<std::string> arrived;
  for (const auto& service : services_) {
    const bool whole = std::any_of(trace.spans.begin(), trace.spans.end(), [&](const auto& s) {
      return s.service == service && linked(s, ids, driver_span_id);
    });
    if (whole) arrived.push_back(service);
  }
  return arrived;
}

nlohmann::json TraceExpectation::to_json() const {
  return {{"shape", chain_ ? "chain" : "spans"},
          {"services", services_},
          {"spans_per_trace", chain_ ? nlohmann::json(2 * services_.size() - 1)
                                     : nlohmann::json(fmt::format("at least {}", min_spans_))}};
}

}  // namespace unbroken
