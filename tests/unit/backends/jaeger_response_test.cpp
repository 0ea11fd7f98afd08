#include "harness/backends/jaeger_response.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

TEST(JaegerResponse, NormalisesShortTraceIdsAndReadsParentsKindsAndServices) {
  const auto traces = parse_jaeger_traces(
      R"({"data":[{"traceID":"000000000000ABCD","processes":{"p1":{"serviceName":"orders","tags":[]}},
      "spans":[{"traceID":"abcd","spanID":"b1","operationName":"GET /work","references":[{"refType":"CHILD_OF","traceID":"abcd","spanID":"a2"}],
      "startTime":1,"duration":2,"tags":[{"key":"span.kind","type":"string","value":"server"}],"processID":"p1"}]}],"total":0,"limit":0,"offset":0,"errors":null})");
  ASSERT_EQ(traces.size(), 1u);
  EXPECT_EQ(traces[0].trace_id, std::string(28, '0') + "abcd");
  ASSERT_EQ(traces[0].spans.size(), 1u);
  EXPECT_EQ(traces[0].spans[0].parent_span_id, "a2");
  EXPECT_EQ(traces[0].spans[0].kind, "server");
  EXPECT_EQ(traces[0].spans[0].service, "orders");
}

TEST(JaegerResponse, ServicesMayBeNull) {
  EXPECT_TRUE(parse_jaeger_services(R"({"data":null,"total":0})").empty());
  EXPECT_EQ(parse_jaeger_services(R"({"data":["a","b"],"total":2})").size(), 2u);
}

TEST(JaegerResponse, RejectsBodiesThatAreNotTheApi) {
  EXPECT_THROW(parse_jaeger_traces("<html>"), BackendError);
  EXPECT_THROW(parse_jaeger_traces(R"({"data":[{"traceID":"xyz","spans":[]}]})"), BackendError);
}

TEST(NormalizeTraceId, AcceptsOnly16Or32HexChars) {
  EXPECT_EQ(normalize_trace_id("ABCDEF0123456789"), "0000000000000000abcdef0123456789");
  EXPECT_EQ(normalize_trace_id("abc"), "");
  EXPECT_EQ(normalize_trace_id("zzzzzzzzzzzzzzzz"), "");
}

}  // namespace
}  // namespace unbroken
