// Searching Jaeger for every trace of a service in a time range, however many there are,
// without holding more than one page: Jaeger's search answers at most `limit` traces and
// says nothing of those it left out, so a full page is never trusted. The range is read
// from its start in slices; a slice whose page comes back full is halved and read again,
// and a slice whose page is under a quarter full lets the next be twice as wide. Every
// trace found is given to `visit` at least once (one with spans in two slices may be given
// twice: the caller deduplicates). `visit` returns false to end the search early.
#pragma once

#include <cstddef>
#include <functional>

#include "harness/backends/jaeger_client.h"
#include "harness/core/time.h"

namespace unbroken {

struct TraceSearchCoverage {
  std::size_t pages = 0;
  // False when a slice of kMinTraceSearchSlice still came back full (its page was taken as
  // it was) or `visit` ended the search.
  bool complete = true;
};

inline constexpr int kTraceSearchPage = 1000;
inline constexpr Millis kMinTraceSearchSlice{1};

TraceSearchCoverage search_traces(const JaegerClient& jaeger, const std::string& service,
                                  TimePoint start, TimePoint end,
                                  const std::function<bool(const TraceRecord&)>& visit,
                                  int page_limit = kTraceSearchPage);

}  // namespace unbroken
