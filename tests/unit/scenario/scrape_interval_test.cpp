#include "harness/scenario/scrape_interval.h"

#include <gtest/gtest.h>

#include "harness/backends/backend_error.h"

namespace unbroken {
namespace {

// As Prometheus 2.42 renders its loaded configuration.
const char* kLoaded = R"(global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
- job_name: prometheus
  scrape_interval: 1s
- job_name: gateway
  scrape_interval: 1s
- job_name: orders
)";

TEST(ScrapeInterval, AScenarioThatAgreesWithPrometheusIsAccepted) {
  const auto intervals = parse_scrape_intervals(kLoaded);
  EXPECT_EQ(intervals.global, Millis(1000));
  EXPECT_EQ(intervals.jobs.at("orders"), Millis(1000));
  EXPECT_NO_THROW(require_scrape_interval(intervals, Millis(1000), {"s.yaml", 4, 20}));
}

TEST(ScrapeInterval, AScenarioThatDisagreesIsAConfigErrorAtItsValue) {
  try {
    require_scrape_interval(parse_scrape_intervals(kLoaded), Millis(2000), {"s.yaml", 4, 20});
    FAIL() << "accepted 2s against a Prometheus scraping every 1s";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "s.yaml:4:20: the scenario assumes Prometheus scrapes every 2s "
              "(stack.scrape_interval), but the running Prometheus scrapes gateway every 1s, "
              "orders every 1s, prometheus every 1s: set stack.scrape_interval to match");
  }
}

TEST(ScrapeInterval, AJobOverrideCountsAndTheDefaultIsPrometheusOwnMinute) {
  const auto intervals = parse_scrape_intervals(
      "scrape_configs:\n- job_name: a\n"
      "- job_name: b\n  scrape_interval: 1s\n");
  EXPECT_EQ(intervals.jobs.at("a"), Millis(60'000));
  EXPECT_THROW(require_scrape_interval(intervals, Millis(1000), {"s.yaml"}), ConfigError);
}

TEST(ScrapeInterval, AnAnswerThatIsNotAConfigIsABackendError) {
  EXPECT_THROW(parse_scrape_intervals("- just\n- a list\n"), BackendError);
  EXPECT_THROW(parse_scrape_intervals("global:\n  scrape_interval: often\n"), BackendError);
}

}  // namespace
}  // namespace unbroken
