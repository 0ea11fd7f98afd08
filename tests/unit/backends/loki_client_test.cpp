#include "harness/backends/loki_client.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/fakes/fake_http_transport.h"

namespace unbroken {
namespace {

using testing::FakeHttpTransport;
using ::testing::HasSubstr;
using testing::RecordedRequest;

// A fake Loki holding `entries` (ts, line) of one stream; answers forward queries with
// start <= ts < end, at most `limit`, as Loki does.
HttpResponse answer(const std::vector<std::pair<std::int64_t, std::string>>& entries,
                    const RecordedRequest& r) {
  const auto start = std::stoll(r.params.find("start")->second);
  const auto end = std::stoll(r.params.find("end")->second);
  const auto limit = std::stoul(r.params.find("limit")->second);
  std::string values;
  std::size_t n = 0;
  for (const auto& [ts, line] : entries) {
    if (ts < start || ts >= end || n == limit) continue;
    values += fmt::format("{}[\"{}\",\"{}\"]", n++ ? "," : "", ts, line);
  }
  return {200, fmt::format(R"({{"status":"success","data":{{"resultType":"streams","result":[
      {{"stream":{{"service":"s"}},"values":[{}]}}]}}}})",
                           values)};
}

TEST(LokiClient, PagesForwardWithoutLosingOrRepeatingEntriesThatShareANanosecond) {
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (int i = 0; i < 25; ++i) entries.push_back({100 + i / 4, fmt::format("line-{}", i)});
  FakeHttpTransport http([&](const RecordedRequest& r) { return answer(entries, r); });
  const auto lines = LokiClient(http, "http://loki").query_all("{service=\"s\"}", 0, 1000, 10);
  ASSERT_EQ(lines.size(), 25u);
  for (int i = 0; i < 25; ++i)
    EXPECT_EQ(lines[static_cast<std::size_t>(i)].line, fmt::format("line-{}", i));
  EXPECT_GE(http.requests().size(), 3u);
  EXPECT_EQ(http.requests()[1].params.find("start")->second, "102");
}

TEST(LokiClient, RefusesWhenOneNanosecondHoldsMoreThanAPage) {
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (int i = 0; i < 12; ++i) entries.push_back({100, fmt::format("same-{}", i)});
  FakeHttpTransport http([&](const RecordedRequest& r) { return answer(entries, r); });
  try {
    LokiClient(http, "http://loki").query_all("{service=\"s\"}", 0, 1000, 10);
    FAIL();
  } catch (const BackendError& e) {
    EXPECT_THAT(e.what(), HasSubstr("share the timestamp 100"));
  }
}

TEST(LokiResponse, PlainTextErrorsBecomeBackendErrors) {
  EXPECT_THROW(parse_loki_streams("max entries limit per query exceeded", 400), BackendError);
  EXPECT_THROW(
      parse_loki_streams(R"({"status":"success","data":{"resultType":"matrix","result":[]}})", 200),
      BackendError);
  EXPECT_THROW(parse_loki_streams(R"({"status":"success","data":{"resultType":"streams","result":[
      {"stream":{},"values":[[1,"numeric ts"]]}]}})",
                                  200),
               BackendError);
}

}  // namespace
}  // namespace unbroken
