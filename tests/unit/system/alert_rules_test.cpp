#include "harness/system/alert_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/system/compose_file.h"
#include "tests/unit/system/system_test_support.h"

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::SystemDir;

constexpr const char* kReferenceStack = UNBROKEN_SOURCE_DIR "/compose/stack.yml";

TEST(AlertRules, TheReferenceStacksRulesAreReadThroughItsMounts) {
  const auto rules = read_alert_rules(read_compose_files({kReferenceStack}), "prometheus");
  ASSERT_TRUE(rules.has_value());
  EXPECT_TRUE(rules->names.count("UnbrokenTargetDown"));
  ASSERT_EQ(rules->files.size(), 1u);
  EXPECT_EQ(rules->files[0].filename(), "unbroken.rules.yml");
  EXPECT_THAT(rules->files[0].string(), HasSubstr("compose/prometheus/rules"));
}

TEST(AlertRules, AnOverrideThatRebindsTheRulesDirectoryIsFollowed) {
  const auto rules =
      read_alert_rules(read_compose_files({kReferenceStack, UNBROKEN_SOURCE_DIR
                                           "/compose/overrides/rules-never-fire.yml"}),
                       "prometheus");
  ASSERT_TRUE(rules.has_value());
  ASSERT_EQ(rules->files.size(), 1u);
  EXPECT_THAT(rules->files[0].string(), HasSubstr("overrides/rules-never-fire"));
}

// A user's layout: a string command, the long mount syntax, relative rule_files.
class UserLayout : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.dir() / "prom" / "alerts");
    dir_.write("prom/main.yml", "rule_files: [alerts/*.rules.yml, extra.yml]\n");
    dir_.write("prom/alerts/a.rules.yml",
               "groups:\n- name: a\n  rules:\n  - alert: DiskFull\n    expr: vector(1)\n"
               "  - record: job:up:sum\n    expr: sum(up)\n");
    dir_.write("prom/alerts/b.rules.yml",
               "groups:\n- name: b\n  rules:\n  - alert: Slow\n"
               "    expr: vector(1)\n");
    dir_.write("prom/alerts/ignored.txt", "not yaml: [");
    dir_.write("prom/extra.yml", "");  // Prometheus loads an empty file as no groups
  }
  std::optional<AlertRules> read(const std::string& service_yaml) {
    dir_.write("compose.yml", "services:\n  metrics:\n" + service_yaml);
    return read_alert_rules(read_compose_files({dir_.dir() / "compose.yml"}), "metrics");
  }
  SystemDir dir_;
};

TEST_F(UserLayout, GlobsRelativeToTheConfigAndTheLongMountSyntaxAreFollowed) {
  const auto rules = read(
      "    command: --config.file=/cfg/main.yml --web.enable-lifecycle\n"
      "    volumes:\n      - {type: bind, source: ./prom, target: /cfg}\n");
  ASSERT_TRUE(rules.has_value());
  EXPECT_THAT(rules->names, ElementsAre("DiskFull", "Slow"));
  EXPECT_EQ(rules->files.size(), 3u);
}

TEST_F(UserLayout, AConfigBakedIntoTheImageCannotSay) {
  EXPECT_FALSE(read("    command: [--config.file, /cfg/main.yml]\n").has_value());
  EXPECT_FALSE(read("    volumes: [\"${PROM_DIR}:/cfg\"]\n"
                    "    command: [--config.file=/cfg/main.yml]\n")
                   .has_value());
}

TEST_F(UserLayout, ARulesFileThatDoesNotParseIsRefusedAtItsLine) {
  dir_.write("prom/alerts/b.rules.yml", "groups:\n- name: b\n  rules: {alert: Slow}\n");
  try {
    read("    command: [--config.file=/cfg/main.yml]\n    volumes: [./prom:/cfg:ro]\n");
    FAIL() << "a malformed rules file was accepted";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("b.rules.yml:3:10: 'rules' must be a list"));
  }
}

}  // namespace
}  // namespace unbroken
