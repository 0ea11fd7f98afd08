#include "harness/checks/trace_shape.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace unbroken {
namespace {

const SpanRecord* find_span(const TraceRecord& trace, const std::string& service,
                            const std::string& kind, const std::string& parent) {
  for (const auto& s : trace.spans) {
    if (s.service == service && s.kind == kind && s.parent_span_id == parent) return &s;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> trace_problems(const TraceRecord& trace, const std::string& driver_span_id,
                                        const std::vector<std::string>& chain) {
  std::vector<std::string> problems;
  std::map<std::string, int> copies;
  for (const auto& s : trace.spans) ++copies[s.span_id];
  for (const auto& [id, n] : copies) {
    if (n > 1) problems.push_back(fmt::format("span {} stored {} times", id, n));
  }
  std::string parent = driver_span_id;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const auto* server = find_span(trace, chain[i], "server", parent);
    if (!server) {
      problems.push_back(fmt::format("no {} server span under {}", chain[i], parent));
      return problems;
    }
    if (i + 1 == chain.size()) break;
    const auto* client = find_span(trace, chain[i], "client", server->span_id);
    if (!client) {
      problems.push_back(fmt::format("no {} client span under {}", chain[i], server->span_id));
      return problems;
    }
    parent = client->span_id;
  }
  const auto expected = 2 * chain.size() - 1;
  if (copies.size() > expected) {
    problems.push_back(fmt::format("{} spans where {} were expected", copies.size(), expected));
  }
  return problems;
}

}  // namespace unbroken
