#include "harness/scenario/signal_paths_loader.h"

#include <gtest/gtest.h>

#include "harness/core/errors.h"

namespace unbroken {
namespace {

TEST(SignalPathsLoader, TheReferenceStacksPathsLoad) {
  const auto paths =
      load_signal_paths(std::filesystem::path(UNBROKEN_SOURCE_DIR) / "compose/signal-paths.yaml");
  const auto orders = paths.spans.path_of("orders");
  EXPECT_EQ(orders.name, "spans of orders");
  EXPECT_TRUE(orders.passes("faultproxy->jaeger"));
  EXPECT_FALSE(orders.passes("gateway"));
  EXPECT_TRUE(paths.logs.path_of("gateway").passes("loki"));
  EXPECT_TRUE(paths.metrics.path_of("gateway").passes("gateway"));
}

TEST(SignalPathsLoader, AnEmitterNotInTheModelGetsItsBackendAlone) {
  const auto paths = parse_signal_paths("spans:\n  a: [a, jaeger]\n", "p.yaml");
  EXPECT_EQ(paths.spans.path_of("zzz").hops, std::vector<std::string>{"jaeger"});
  EXPECT_EQ(paths.spans.path_of("a").hops, (std::vector<std::string>{"a", "jaeger"}));
}

TEST(SignalPathsLoader, APathThatMissesItsBackendIsRefusedAtItsLocation) {
  try {
    parse_signal_paths("backends:\n  logs: loki\nlogs:\n  a: [a, jaeger]\n", "p.yaml");
    FAIL() << "accepted a log path that ends at jaeger";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "p.yaml:4:6: the logs path of 'a' must end at its backend 'loki'");
  }
}

TEST(SignalPathsLoader, UnknownKeysAreRefused) {
  EXPECT_THROW(parse_signal_paths("spanz:\n  a: [a, jaeger]\n", "p.yaml"), ConfigError);
}

}  // namespace
}  // namespace unbroken
