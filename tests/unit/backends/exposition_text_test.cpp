#include "harness/backends/exposition_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/backends/backend_error.h"

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(Exposition, ReadsEverySampleNameAndEachFamilysType) {
  const auto e = parse_exposition(R"(# HELP http_requests_total Requests served.
# TYPE http_requests_total counter
http_requests_total{route="/work",code="200"} 42
http_requests_total{route="/work",code="500"} 1

# TYPE latency_seconds histogram
latency_seconds_bucket{le="0.1"} 3
latency_seconds_bucket{le="+Inf"} 4
latency_seconds_sum 0.5
latency_seconds_count 4
process_start_time_seconds 1.7e9
)",
                                  "gateway");
  EXPECT_THAT(e.sample_names,
              ElementsAre("http_requests_total", "latency_seconds_bucket", "latency_seconds_count",
                          "latency_seconds_sum", "process_start_time_seconds"));
  EXPECT_EQ(e.types.at("http_requests_total"), "counter");
  EXPECT_EQ(e.types.at("latency_seconds"), "histogram");
  EXPECT_EQ(e.types.size(), 2u);
}

TEST(Exposition, ASampleLineWithoutANameIsRefusedWithItsLine) {
  try {
    parse_exposition("ok_total 1\n{code=\"200\"} 3\n", "http://gateway:8080/metrics");
    FAIL() << "expected a BackendError";
  } catch (const BackendError& e) {
    EXPECT_THAT(e.what(), HasSubstr("http://gateway:8080/metrics line 2"));
  }
}

}  // namespace
}  // namespace unbroken
