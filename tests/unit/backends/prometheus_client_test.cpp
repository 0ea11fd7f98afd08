#include "harness/backends/prometheus_client.h"

#include <gtest/gtest.h>

#include "tests/fakes/fake_http_transport.h"

namespace unbroken {
namespace {

using testing::FakeHttpTransport;
using testing::RecordedRequest;

TEST(PrometheusClient, RawSamplesAsksForARangeSelectorAtTheEnd) {
  FakeHttpTransport http([](const RecordedRequest&) {
    return HttpResponse{200, R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"job":"w"},"values":[[99.5,"1"],[100,"2"],[101,"3"],[110,"4"]]}]}})"};
  });
  PrometheusClient client(http, "http://127.0.0.1:9");
  const auto series =
      client.raw_samples("up{job=\"w\"}", from_unix_seconds(100), from_unix_seconds(110));
  const auto requests = http.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/api/v1/query");
  EXPECT_EQ(requests[0].params.find("query")->second, "up{job=\"w\"}[10001ms]");
  EXPECT_EQ(requests[0].params.find("time")->second, "110.000");
  // The sample before the range is trimmed; the ones at both ends are kept.
  ASSERT_EQ(series.size(), 1u);
  ASSERT_EQ(series[0].samples.size(), 3u);
  EXPECT_DOUBLE_EQ(series[0].samples.front().t, 100);
  EXPECT_DOUBLE_EQ(series[0].samples.back().t, 110);
}

TEST(PrometheusClient, LongRangesAreFetchedInSlicesAndMerged) {
  FakeHttpTransport http([](const RecordedRequest& r) {
    const auto t = r.params.find("time")->second;
    return HttpResponse{200, R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"job":"w"},"values":[[)" +
                                 t + R"(,"1"]]}]}})"};
  });
  PrometheusClient client(http, "http://127.0.0.1:9");
  const auto series = client.raw_samples("up", from_unix_seconds(0), from_unix_seconds(7200 + 60));
  EXPECT_EQ(http.requests().size(), 3u);
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].samples.size(), 3u);
}

}  // namespace
}  // namespace unbroken
