#include "harness/core/selector_syntax.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

TEST(PromqlSelector, TheFormsTheChecksSendFit) {
  for (const char* ok :
       {"up", "http_requests_total{job=\"gateway\",route=\"/work\",code=\"200\"}",
        "http_requests_total{job=~\"storefront|inventory\", code!~'5..'}", "{__name__=\"up\"}",
        "ns:rule:rate5m{job!=`a\\b`,}", "unbroken_exporter_items_total{outcome=~\"dropped_.*\"}",
        "x{a=\"q\\\"uote\"}"}) {
    EXPECT_EQ(promql_selector_problem(ok), "") << ok;
  }
}

TEST(PromqlSelector, AnUnbalancedOrMalformedSelectorSaysWhereItBreaks) {
  EXPECT_EQ(promql_selector_problem("http_requests_total{job=\"gateway\""),
            "',' or '}' expected at the end");
  EXPECT_EQ(promql_selector_problem("http_requests_total{job=\"gateway}"),
            "a quoted value does not close");
  EXPECT_EQ(promql_selector_problem("http_requests_total{job==\"a\"}"),
            "a quoted value expected at character 25 ('=')");
  EXPECT_EQ(promql_selector_problem("rate(x[5m])"),
            "the end of the selector expected at character 5 ('(')");
  EXPECT_EQ(promql_selector_problem("x{1a=\"b\"}"), "a label name expected at character 3 ('1')");
  EXPECT_EQ(promql_selector_problem(""), "a metric name or '{' expected at the end");
  EXPECT_EQ(promql_selector_problem("x{a=b}"), "a quoted value expected at character 5 ('b')");
}

TEST(LogqlSelector, AStreamSelectorWithOrWithoutAPipelineFits) {
  for (const char* ok : {"{service=~\"gateway|orders\"}", "{service=\"shop\"} | json",
                         "{app=\"a\", env!=\"dev\"} |= \"error\" | line_format \"{{.msg}}\""}) {
    EXPECT_EQ(logql_selector_problem(ok), "") << ok;
  }
}

TEST(LogqlSelector, AMissingBraceOrAnUnclosedPipelineQuoteIsRefused) {
  EXPECT_EQ(logql_selector_problem("service=\"shop\""), "'{' expected at character 1 ('s')");
  EXPECT_EQ(logql_selector_problem("{service=\"shop\"} |= \"error"),
            "a quoted value does not close");
  EXPECT_EQ(logql_selector_problem("{service=\"shop\"} | line_format \"x\")"),
            "')' at character 35 closes nothing open");
}

}  // namespace
}  // namespace unbroken
