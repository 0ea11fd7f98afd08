// The paged trace search: Jaeger answers at most `limit` traces a search and says nothing
// of those it left out, so search_traces narrows the slice until no page is full. Here
// against a Jaeger that keeps to those rules (spans of the service starting within the
// bounds, inclusive, in microseconds; at most `limit`, newest first).
#include "harness/checks/trace_search.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/fakes/fake_http_transport.h"

namespace unbroken {
namespace {

using testing::FakeHttpTransport;
using testing::RecordedRequest;

constexpr std::int64_t kStartUs = 1'796'000'000'000'000;  // 2026-11-30, in µs

// `count` one-span traces of gateway, one every `spacing_us`, from kStartUs.
class PagingJaeger {
 public:
  PagingJaeger(int count, std::int64_t spacing_us) {
    for (int i = 0; i < count; ++i) starts_.push_back(kStartUs + i * spacing_us);
  }
  FakeHttpTransport transport{[this](const RecordedRequest& r) { return answer(r); }};

 private:
  static std::string param(const RecordedRequest& r, const std::string& name) {
    for (const auto& [key, value] : r.params) {
      if (key == name) return value;
    }
    return {};
  }
  HttpResponse answer(const RecordedRequest& r) {
    const auto start = std::stoll(param(r, "start"));
    const auto end = std::stoll(param(r, "end"));
    const auto limit = std::stoul(param(r, "limit"));
    nlohmann::json data = nlohmann::json::array();
    for (auto i = starts_.size(); i-- > 0 && data.size() < limit;) {  // newest first
      if (starts_[i] < start || starts_[i] > end) continue;
      data.push_back({{"traceID", fmt::format("{:032x}", i + 1)},
                      {"spans",
                       {{{"spanID", "0000000000000001"},
                         {"operationName", "GET /work"},
                         {"processID", "p1"},
                         {"startTime", starts_[i]},
                         {"duration", 1},
                         {"references", nlohmann::json::array()}}}},
                      {"processes", {{"p1", {{"serviceName", "gateway"}}}}}});
    }
    return {200, nlohmann::json{{"data", data}}.dump()};
  }

  std::vector<std::int64_t> starts_;
};

TimePoint at_us(std::int64_t us) {
  return TimePoint(std::chrono::microseconds(us));
}

TEST(TraceSearch, FindsEveryTraceWhenTheRangeHoldsManyPagesOfThem) {
  PagingJaeger jaeger(2'500, 1'000);  // 2.5 s of traces, one a millisecond
  const JaegerClient client(jaeger.transport, "http://jaeger");
  std::set<std::string> seen;
  const auto coverage = search_traces(
      client, "gateway", at_us(kStartUs), at_us(kStartUs + 3'000'000),
      [&](const TraceRecord& t) {
        seen.insert(t.trace_id);
        return true;
      },
      100);
  EXPECT_EQ(seen.size(), 2'500u);
  EXPECT_TRUE(coverage.complete);
  EXPECT_LT(coverage.pages, 200u) << "slices widen again after a sparse page";
}

TEST(TraceSearch, OnePageOfTheWholeRangeWouldMissTraces) {
  // The defect the slicing exists for: a single search of the range answers a full page.
  PagingJaeger jaeger(2'500, 1'000);
  const JaegerClient client(jaeger.transport, "http://jaeger");
  EXPECT_EQ(client.find_traces("gateway", at_us(kStartUs), at_us(kStartUs + 3'000'000), 100).size(),
            100u);
}

TEST(TraceSearch, ASliceFullAtTheNarrowestWidthIsReportedIncomplete) {
  PagingJaeger jaeger(300, 0);  // 300 traces in the same microsecond
  const JaegerClient client(jaeger.transport, "http://jaeger");
  std::size_t visited = 0;
  const auto coverage = search_traces(
      client, "gateway", at_us(kStartUs), at_us(kStartUs + 10'000),
      [&](const TraceRecord&) { return ++visited > 0; }, 100);
  EXPECT_FALSE(coverage.complete);
  EXPECT_EQ(visited, 100u);
}

TEST(TraceSearch, TheVisitorCanEndTheSearch) {
  PagingJaeger jaeger(500, 1'000);
  const JaegerClient client(jaeger.transport, "http://jaeger");
  std::size_t visited = 0;
  const auto coverage = search_traces(
      client, "gateway", at_us(kStartUs), at_us(kStartUs + 1'000'000),
      [&](const TraceRecord&) { return ++visited < 10; }, 100);
  EXPECT_EQ(visited, 10u);
  EXPECT_FALSE(coverage.complete);
}

}  // namespace
}  // namespace unbroken
