#include "harness/checks/trace_search.h"

#include <algorithm>

#include "harness/core/interrupt.h"

namespace unbroken {

TraceSearchCoverage search_traces(const JaegerClient& jaeger, const std::string& service,
                                  TimePoint start, TimePoint end,
                                  const std::function<bool(const TraceRecord&)>& visit,
                                  int page_limit) {
  TraceSearchCoverage coverage;
  const auto page_size = static_cast<std::size_t>(page_limit);
  auto width = std::max<TimePoint::duration>(end - start, kMinTraceSearchSlice);
  for (auto from = start; from <= end;) {
    throw_if_interrupted();
    const auto to = std::min(end, from + width);
    const auto page = jaeger.find_traces(service, from, to, page_limit);
    ++coverage.pages;
    const bool full = page.size() >= page_size;
    if (full && width > kMinTraceSearchSlice) {
      width = std::max<TimePoint::duration>(width / 2, kMinTraceSearchSlice);
      continue;
    }
    coverage.complete = coverage.complete && !full;
    for (const auto& trace : page) {
      if (!visit(trace)) {
        coverage.complete = false;
        return coverage;
      }
    }
    if (page.size() < page_size / 4) width *= 2;
    // Jaeger's bounds are whole microseconds, both inclusive.
    from = to + std::chrono::microseconds(1);
  }
  return coverage;
}

}  // namespace unbroken
