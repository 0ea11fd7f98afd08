#include "harness/reports/junit_reporter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace unbroken {
namespace {

using ::testing::HasSubstr;

RunRecord record() {
  RunRecord r;
  r.run_id = "20261122-101500-beef";
  r.scenario_name = "prometheus-recovery";
  r.seed = 42;
  r.verdicts = {Verdict::passed("metrics.continuity", "continuous"),
                Verdict::failed("metrics.accounting", "missing 3 <requests> & more"),
                Verdict::inconclusive("fault: kill", "not verified"),
                Verdict::errored("harness", "docker died")};
  return r;
}

TEST(JunitXml, OneTestcasePerVerdictWithCounts) {
  const auto xml = junit_xml(record());
  EXPECT_THAT(xml, HasSubstr(R"(tests="4" failures="1" errors="1" skipped="1")"));
  EXPECT_THAT(xml,
              HasSubstr(R"(<testcase classname="prometheus-recovery" name="metrics.continuity">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<property name="seed" value="42"/>)"));
}

TEST(JunitXml, EscapesReasons) {
  EXPECT_THAT(junit_xml(record()), HasSubstr("missing 3 &lt;requests&gt; &amp; more"));
}

}  // namespace
}  // namespace unbroken
