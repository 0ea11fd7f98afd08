#include "harness/runtime/local_images.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// What `compose config` prints (v1 and v2 alike): the resolved file.
const char* kConfig = R"(services:
  gateway:
    image: unbroken.invalid/workload:dev
    pull_policy: never
  orders:
    image: unbroken.invalid/workload:dev
  loki:
    image: 'unbroken.invalid/loki-standin:offline'
  prometheus:
    image: prom/prometheus:v3.5.0
  mirror:
    image: registry.example/unbroken.invalid/x:1
)";

TEST(LocalImages, OnlyImagesUnderTheLocalOnlyRegistryAreTheProjectsOwn) {
  EXPECT_THAT(local_only_images(kConfig), ElementsAre("unbroken.invalid/workload:dev",
                                                      "unbroken.invalid/loki-standin:offline"));
}

TEST(LocalImages, AnImageIsMissingUnlessItsRepositoryAndTagAreListed) {
  EXPECT_THAT(
      missing_images({"unbroken.invalid/workload:dev", "unbroken.invalid/webhook"},
                     {"unbroken.invalid/workload:offline", "unbroken.invalid/webhook:latest"}),
      ElementsAre("unbroken.invalid/workload:dev"));
  EXPECT_THAT(missing_images({"unbroken.invalid/workload:dev"}, {"unbroken.invalid/workload:dev"}),
              IsEmpty());
}

}  // namespace
}  // namespace unbroken
