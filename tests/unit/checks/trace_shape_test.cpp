#include "harness/checks/trace_shape.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::vector<std::string> kChain{"gateway", "orders", "inventory"};

TraceRecord complete_trace() {
  return {"4bf92f3577b34da6a3ce929d0e0e4736",
          {{"a1", "d0", "GET /work", "gateway", "server", 0, 5},
           {"a2", "a1", "GET orders", "gateway", "client", 1, 3},
           {"b1", "a2", "GET /work", "orders", "server", 1, 3},
           {"b2", "b1", "GET inventory", "orders", "client", 2, 1},
           {"c1", "b2", "GET /work", "inventory", "server", 2, 1}}};
}

TEST(TraceShape, TheFullChainUnderTheDriverSpanIsComplete) {
  EXPECT_THAT(trace_problems(complete_trace(), "d0", kChain), IsEmpty());
}

TEST(TraceShape, AMissingSpanIsNamed) {
  auto t = complete_trace();
  t.spans.erase(t.spans.begin() + 2);  // orders server
  EXPECT_THAT(trace_problems(t, "d0", kChain), ElementsAre("no orders server span under a2"));
}

TEST(TraceShape, AWrongRootParentIsAProblem) {
  EXPECT_THAT(trace_problems(complete_trace(), "ffff", kChain),
              ElementsAre("no gateway server span under ffff"));
}

TEST(TraceShape, DuplicatedAndExtraSpansAreProblems) {
  auto t = complete_trace();
  t.spans.push_back(t.spans[4]);
  t.spans.push_back({"x9", "c1", "extra", "inventory", "client", 0, 1});
  const auto problems = trace_problems(t, "d0", kChain);
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("span c1 stored 2 times")));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("6 spans where 5 were expected")));
}

}  // namespace
}  // namespace unbroken
