#include "harness/backends/prometheus_response.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace unbroken {
namespace {

std::string recorded(const std::string& name) {
  std::ifstream in(std::string(UNBROKEN_SOURCE_DIR) + "/fixtures/responses/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(PrometheusResponse, ParsesARecordedMatrixOfRawSamples) {
  const auto series = parse_prometheus_result(recorded("prometheus-2.42-raw-samples.json"), 200);
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].labels.at("job"), "prometheus");
  ASSERT_EQ(series[0].samples.size(), 5u);
  EXPECT_DOUBLE_EQ(series[0].samples[0].t, 1795343218.509);
  EXPECT_DOUBLE_EQ(series[0].samples[0].value, 1.0);
}

TEST(PrometheusResponse, ParsesARecordedVector) {
  const auto series = parse_prometheus_result(recorded("prometheus-2.42-vector.json"), 200);
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].samples.size(), 1u);
}

TEST(PrometheusResponse, ErrorEnvelopeBecomesBackendErrorWithItsMessage) {
  try {
    parse_prometheus_result(recorded("prometheus-2.42-bad-query.json"), 400);
    FAIL();
  } catch (const BackendError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("HTTP 400 bad_data"), std::string::npos) << what;
    EXPECT_NE(what.find("parse error"), std::string::npos) << what;
  }
}

TEST(PrometheusResponse, SpecialFloatValuesAreStrings) {
  const auto series = parse_prometheus_result(
      R"({"status":"success","data":{"resultType":"vector","result":[
          {"metric":{},"value":[1,"NaN"]},{"metric":{},"value":[1,"+Inf"]}]}})",
      200);
  EXPECT_TRUE(std::isnan(series[0].samples[0].value));
  EXPECT_TRUE(std::isinf(series[1].samples[0].value));
}

TEST(PrometheusResponse, ReadsTheAlertingRuleNamesOfARecordedRulesAnswer) {
  // Recorded from Debian's Prometheus 2.42 with compose/prometheus/rules/.
  const auto names = parse_prometheus_alert_names(recorded("prometheus-2.42-rules.json"), 200);
  EXPECT_EQ(names, (std::vector<std::string>{"UnbrokenTargetDown", "UnbrokenHighErrorRate",
                                             "UnbrokenExporterDropping"}));
}

TEST(PrometheusResponse, ARulesAnswerWithoutItsListsIsABackendError) {
  EXPECT_THROW(parse_prometheus_alert_names(R"({"status":"success","data":{}})", 200),
               BackendError);
  EXPECT_THROW(
      parse_prometheus_alert_names(R"({"status":"success","data":{"groups":[{"name":"g"}]}})", 200),
      BackendError);
  EXPECT_THROW(parse_prometheus_alert_names("<html>502</html>", 502), BackendError);
}

TEST(PrometheusResponse, RejectsBodiesThatAreNotTheApi) {
  EXPECT_THROW(parse_prometheus_result("<html>502 Bad Gateway</html>", 502), BackendError);
  EXPECT_THROW(
      parse_prometheus_result(R"({"status":"success","data":{"resultType":"string"}})", 200),
      BackendError);
  EXPECT_THROW(
      parse_prometheus_result(
          R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1,2]}]}})", 200),
      BackendError);
}

}  // namespace
}  // namespace unbroken
