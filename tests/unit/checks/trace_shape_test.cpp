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

std::vector<std::string> texts(const std::vector<TraceProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.text);
  return out;
}

TEST(TraceShape, TheFullChainUnderTheDriverSpanIsComplete) {
  EXPECT_THAT(trace_problems(complete_trace(), "d0", kChain), IsEmpty());
  EXPECT_THAT(services_arrived(complete_trace(), "d0", kChain),
              ElementsAre("gateway", "orders", "inventory"));
}

TEST(TraceShape, AMissingSpanIsALossOfItsService) {
  auto t = complete_trace();
  t.spans.erase(t.spans.begin() + 2);  // orders server
  const auto problems = trace_problems(t, "d0", kChain);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].kind, TraceProblem::Kind::kMissing);
  EXPECT_EQ(problems[0].service, "orders");
  EXPECT_EQ(problems[0].text, "no orders server span under a2");
  EXPECT_THAT(services_arrived(t, "d0", kChain), ElementsAre("gateway"));
}

TEST(TraceShape, ASpanUnderTheWrongParentIsABrokenLinkNotALoss) {
  auto t = complete_trace();
  t.spans[3].parent_span_id = "zz";  // orders client under a span that does not exist
  const auto problems = trace_problems(t, "d0", kChain);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].kind, TraceProblem::Kind::kBrokenLink);
  EXPECT_EQ(problems[0].service, "orders");
  EXPECT_EQ(problems[0].text, "no orders client span under b1: its parent link is wrong");
}

TEST(TraceShape, AWrongRootParentIsABrokenLink) {
  const auto problems = trace_problems(complete_trace(), "ffff", kChain);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].kind, TraceProblem::Kind::kBrokenLink);
}

TEST(TraceShape, DuplicatedAndExtraSpansAreProblems) {
  auto t = complete_trace();
  t.spans.push_back(t.spans[4]);
  t.spans.push_back({"x9", "c1", "extra", "inventory", "client", 0, 1});
  const auto problems = trace_problems(t, "d0", kChain);
  EXPECT_THAT(texts(problems), ::testing::Contains(HasSubstr("span c1 stored 2 times")));
  EXPECT_THAT(texts(problems), ::testing::Contains(HasSubstr("6 spans where 5 were expected")));
  EXPECT_EQ(problems[0].kind, TraceProblem::Kind::kDuplicated);
  EXPECT_EQ(problems[0].service, "inventory");
}

}  // namespace
}  // namespace unbroken
