#include "harness/reports/junit_reporter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/reports/report_json.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

RunRecord record() {
  RunRecord r;
  r.run_id = "20261122-101500-beef";
  r.scenario_name = "prometheus-recovery";
  r.scenario_file = "chaos/p.yaml";
  r.seed = 42;
  r.verdicts = {Verdict::passed("metrics.continuity", "continuous"),
                Verdict::failed("metrics.accounting", "missing 3 <requests> & more"),
                Verdict::inconclusive("fault: kill", "not verified"),
                Verdict::errored("harness", "docker died")};
  r.verdicts[0].seconds = 2.5;
  return r;
}

TEST(JunitXml, OneTestcasePerVerdictWithCounts) {
  const auto xml = junit_xml(record());
  EXPECT_THAT(xml, HasSubstr(R"(tests="4" failures="1" errors="2" skipped="0")"));
  EXPECT_THAT(xml, HasSubstr(R"(<testcase classname="prometheus-recovery" )"
                             R"(name="metrics.continuity" time="2.500" file=")"));
  EXPECT_THAT(xml, HasSubstr(R"(chaos/p.yaml">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<property name="seed" value="42"/>)"));
}

// CI tools show a <skipped> case as green; an inconclusive run proved nothing, so it must
// not read as passing.
TEST(JunitXml, InconclusiveIsAnErrorNotASkip) {
  const auto xml = junit_xml(record());
  EXPECT_THAT(xml,
              HasSubstr(R"(<error type="inconclusive" message="inconclusive: not verified">)"));
  EXPECT_THAT(xml, Not(HasSubstr("<skipped")));
}

TEST(JunitXml, ASuiteHasOneTestsuitePerReport) {
  auto second = record();
  second.scenario_name = "loki-stop";
  second.verdicts = {Verdict::passed("logs.completeness", "all lines")};
  const auto xml =
      junit_xml(std::vector<nlohmann::json>{report_json(record()), report_json(second)});
  EXPECT_THAT(xml, HasSubstr(R"(<testsuite name="prometheus-recovery" tests="4")"));
  EXPECT_THAT(xml, HasSubstr(R"(<testsuite name="loki-stop" tests="1" failures="0" errors="0")"));
  EXPECT_EQ(xml.find("<testsuites>"), xml.rfind("<testsuites>")) << "one document";
}

TEST(JunitXml, EscapesReasons) {
  EXPECT_THAT(junit_xml(record()), HasSubstr("missing 3 &lt;requests&gt; &amp; more"));
}

}  // namespace
}  // namespace unbroken
