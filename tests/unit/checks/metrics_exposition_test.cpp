#include "harness/checks/metrics_exposition.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/checks/check_test_support.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;
using testing::RecordedRequest;

// What gateway exposes: a counter and a histogram.
constexpr const char* kExposition = R"(# TYPE http_requests_total counter
http_requests_total{code="200"} 40
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.1"} 38
http_request_duration_seconds_bucket{le="+Inf"} 40
http_request_duration_seconds_sum 1.2
http_request_duration_seconds_count 40
)";

// A Prometheus scraping gateway (gateway:8080 in the stack, published as "published:8080"),
// which serves its exposition there; every scrape at 1000..1010 stores `count` and `inf`.
class MetricsExpositionTest : public ::testing::Test {
 protected:
  std::string targets = R"({"status":"success","data":{"activeTargets":[{"labels":{"job":
    "gateway","instance":"gateway:8080"},"scrapeUrl":"http://gateway:8080/metrics",
    "health":"up"}]}})";
  std::vector<std::string> stored = {"http_requests_total", "http_request_duration_seconds_bucket",
                                     "http_request_duration_seconds_sum",
                                     "http_request_duration_seconds_count"};
  double count = 40, inf = 40;
  bool published = true;

  testing::FakeHttpTransport http{[this](const RecordedRequest& r) { return answer(r); }};

  HttpResponse answer(const RecordedRequest& r) {
    if (r.path == "/api/v1/targets") return {200, targets};
    if (r.path == "/metrics") return {200, kExposition};
    const auto& query = r.params.find("query")->second;
    if (query.starts_with("count by (__name__)")) {
      std::vector<std::string> items;
      for (const auto& n : stored)
        items.push_back(fmt::format(R"({{"metric":{{"__name__":"{}"}},"value":[1015,"1"]}})", n));
      return {200, fmt::format(R"({{"status":"success","data":{{"resultType":"vector",)"
                               R"("result":[{}]}}}})",
                               fmt::join(items, ","))};
    }
    const bool is_count = query.starts_with("http_request_duration_seconds_count{");
    const auto value = is_count ? count : inf;
    std::vector<std::string> points;
    for (int t = 1000; t <= 1010; ++t) points.push_back(fmt::format(R"([{},"{}"])", t, value));
    return {200, fmt::format(R"({{"status":"success","data":{{"resultType":"matrix","result":[)"
                             R"({{"metric":{{"__name__":"{}","job":"gateway","instance":)"
                             R"("gateway:8080"{}}},"values":[{}]}}]}}}})",
                             is_count ? "http_request_duration_seconds_count"
                                      : "http_request_duration_seconds_bucket",
                             is_count ? "" : R"(,"le":"+Inf")", fmt::join(points, ","))};
  }
  CheckContext context() {
    CheckContext ctx{.prometheus = PrometheusClient(http, "http://127.0.0.1:9090"),
                     .jaeger = JaegerClient(http, "http://127.0.0.1:16686"),
                     .loki = LokiClient(http, "http://127.0.0.1:3100"),
                     .webhook = WebhookClient(http, "http://127.0.0.1:8080"),
                     .grafana = GrafanaClient(http, "http://127.0.0.1:3000", {}),
                     .alertmanager = AlertmanagerClient(http, "http://127.0.0.1:9093"),
                     .paths = testing::reference_paths(),
                     .http = &http,
                     .published_url = [this](const std::string& service, int port) {
                       if (!published)
                         throw HarnessError(service + " publishes no port " + std::to_string(port));
                       return "http://published:" + std::to_string(port);
                     }};
    ctx.stack_ready = from_unix_seconds(995);
    ctx.observe_from = from_unix_seconds(1000);
    ctx.observe_to = from_unix_seconds(1010);
    ctx.now = from_unix_seconds(1015);
    return ctx;
  }
  Verdict judge() { return check.evaluate(context()); }

  MetricsExposition check{testing::spec("metrics.exposition", {{"jobs", "gateway"}})};
};

TEST_F(MetricsExpositionTest, PassesWhenEveryExposedNameIsStoredAndHistogramsAgree) {
  const auto v = judge();
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("expose 4 sample name(s), all stored"));
  EXPECT_THAT(v.reason, HasSubstr("all 11 stored scrape(s)"));
}

// Seeded defect: a relabelling rule drops the histogram's buckets.
TEST_F(MetricsExpositionTest, FailsNamingAnExposedFamilyPrometheusNeverStored) {
  std::erase(stored, "http_request_duration_seconds_bucket");
  const auto v = judge();
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason,
              HasSubstr("http_request_duration_seconds_bucket of gateway:8080 (gateway)"));
}

// Seeded defect: a histogram whose count disagrees with its +Inf bucket.
TEST_F(MetricsExpositionTest, FailsWhenAHistogramsCountIsNotItsInfBucket) {
  inf = 39;
  const auto v = judge();
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("_count 40 but the +Inf bucket 39"));
}

TEST_F(MetricsExpositionTest, FailsWhenPrometheusScrapesNoTargetOfTheJob) {
  targets = R"({"status":"success","data":{"activeTargets":[]}})";
  const auto v = judge();
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("no target of job(s) gateway"));
}

// What the harness cannot read is never judged a pass.
TEST_F(MetricsExpositionTest, IsInconclusiveWhenTheTargetsPortIsNotPublished) {
  published = false;
  const auto v = judge();
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("gateway publishes no port 8080"));
}

TEST_F(MetricsExpositionTest, SettlesOnlyOnceEveryExposedNameIsStored) {
  EXPECT_TRUE(check.settled(context()));
  stored.pop_back();
  EXPECT_FALSE(check.settled(context()));
}

}  // namespace
}  // namespace unbroken
