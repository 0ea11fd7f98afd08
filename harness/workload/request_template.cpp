#include "harness/workload/request_template.h"

#include <fmt/format.h>

#include <stdexcept>

namespace unbroken {

std::string RequestTemplate::describe() const {
  return method + " " + path;
}

std::string expand_placeholders(const std::string& text, std::uint64_t seq,
                                const std::string& trace_id) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 5, "{seq}") == 0) {
      out += std::to_string(seq);
      i += 5;
    } else if (text.compare(i, 10, "{trace_id}") == 0) {
      out += trace_id;
      i += 10;
    } else {
      out += text[i++];
    }
  }
  return out;
}

TemplateSchedule::TemplateSchedule(const std::vector<RequestTemplate>& templates) {
  if (templates.empty()) throw std::invalid_argument("a load needs at least one request template");
  long total = 0;
  for (const auto& t : templates) {
    if (t.weight == 0) throw std::invalid_argument("request template weights must be positive");
    total += t.weight;
  }
  // Smooth weighted round robin (as nginx balances upstreams): each step every template
  // gains its weight, the one with the most credit is chosen and pays the total.
  std::vector<long> credit(templates.size(), 0);
  for (long step = 0; step < total; ++step) {
    std::size_t best = 0;
    for (std::size_t i = 0; i < templates.size(); ++i) {
      credit[i] += templates[i].weight;
      if (credit[i] > credit[best]) best = i;
    }
    credit[best] -= total;
    cycle_.push_back(best);
  }
}

}  // namespace unbroken
