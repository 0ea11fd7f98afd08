#include "harness/core/params.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

TEST(Params, AListIsSplitOnCommasTrimmedAndWithoutEmptyItems) {
  Params params;
  params.set("datasources", {" unbroken-loki, unbroken-jaeger ,,", {}});
  EXPECT_EQ(params.list_or("datasources", "unused"),
            (std::vector<std::string>{"unbroken-loki", "unbroken-jaeger"}));
}

TEST(Params, AMissingListIsTheFallbackSplitTheSameWay) {
  const Params params;
  EXPECT_EQ(params.list_or("dashboards", "a,b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(params.list_or("dashboards", " , ").empty());
}

}  // namespace
}  // namespace unbroken
