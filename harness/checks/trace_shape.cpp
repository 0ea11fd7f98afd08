#include "harness/checks/trace_shape.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace unbroken {
namespace {

const SpanRecord* find_span(const TraceRecord& trace, const std::string& service,
                            const std::string& kind, const std::string& parent) {
  for (const auto& s : trace.spans) {
    if (s.service == service && s.kind == kind && s.parent_span_id == parent) return &s;
  }
  return nullptr;
}

bool has_span(const TraceRecord& trace, const std::string& service, const std::string& kind) {
  return std::any_of(trace.spans.begin(), trace.spans.end(),
                     [&](const SpanRecord& s) { return s.service == service && s.kind == kind; });
}

// Walks the chain from the driver's span; `arrived` gets each service found whole. Returns
// the first missing or misplaced span, if any.
std::optional<TraceProblem> walk(const TraceRecord& trace, const std::string& driver_span_id,
                                 const std::vector<std::string>& chain,
                                 std::vector<std::string>& arrived) {
  std::string parent = driver_span_id;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const bool last = i + 1 == chain.size();
    for (const char* kind : {"server", "client"}) {
      if (last && std::string(kind) == "client") break;
      const auto* span = find_span(trace, chain[i], kind, parent);
      if (!span) {
        const auto text = fmt::format("no {} {} span under {}", chain[i], kind, parent);
        if (has_span(trace, chain[i], kind)) {
          return TraceProblem{TraceProblem::Kind::kBrokenLink, chain[i],
                              fmt::format("{}: its parent link is wrong", text)};
        }
        return TraceProblem{TraceProblem::Kind::kMissing, chain[i], text};
      }
      parent = span->span_id;
    }
    arrived.push_back(chain[i]);
  }
  return std::nullopt;
}

}  // namespace

std::vector<TraceProblem> trace_problems(const TraceRecord& trace,
                                         const std::string& driver_span_id,
                                         const std::vector<std::string>& chain) {
  std::vector<TraceProblem> problems;
  std::map<std::string, int> copies;
  std::map<std::string, std::string> service_of;
  for (const auto& s : trace.spans) {
    ++copies[s.span_id];
    service_of[s.span_id] = s.service;
  }
  for (const auto& [id, n] : copies) {
    if (n > 1) {
      problems.push_back({TraceProblem::Kind::kDuplicated, service_of[id],
                          fmt::format("span {} stored {} times", id, n)});
    }
  }
  std::vector<std::string> arrived;
  if (auto problem = walk(trace, driver_span_id, chain, arrived)) {
    problems.push_back(std::move(*problem));
    return problems;
  }
  const auto expected = 2 * chain.size() - 1;
  if (copies.size() > expected) {
    problems.push_back({TraceProblem::Kind::kExtra, "",
                        fmt::format("{} spans where {} were expected", copies.size(), expected)});
  }
  return problems;
}

std::vector<std::string> services_arrived(const TraceRecord& trace,
                                          const std::string& driver_span_id,
                                          const std::vector<std::string>& chain) {
  std::vector<std::string> arrived;
  walk(trace, driver_span_id, chain, arrived);
  return arrived;
}

}  // namespace unbroken
