// Every built-in check's and fault kind's parameters, and the keys of every entry of a
// scenario or system file, are declared once (param_decl.h) and validated before anything is
// built: an unknown key is refused at the key, a missing required key at its entry, and a
// value of the wrong type at the value, each at file:line:col; a YAML list is a list,
// scenarios/README.md shows exactly the tables the declarations generate, and `validate`
// lists the values a run uses, defaults named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "harness/checks/check_registry.h"
#include "harness/faults/fault_registry.h"
#include "harness/scenario/scenario_keys.h"
#include "harness/scenario/scenario_loader.h"
#include "harness/system/system_keys.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_runtime.h"
#include "tests/support/reference_system.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;

// The error the registry refuses `expectation` (a YAML mapping) with, or "".
std::string refusal(const std::string& expectation) {
  CheckRegistry registry;
  register_builtin_checks(registry);
  const auto scenario = parse_scenario(
      "name: t\nworkload: {rate_per_s: 1, duration: 1s}\nexpectations:\n  - " + expectation + "\n",
      "t.yaml");
  try {
    registry.create(scenario.expectations.at(0), reference_system());
    return "";
  } catch (const ConfigError& e) {
    return e.what();
  }
}

TEST(CheckParameters, AWellFormedExpectationIsAccepted) {
  EXPECT_EQ(refusal("{check: metrics.continuity, selector: up, max_spacing: 3s}"), "");
}

TEST(CheckParameters, AnUnknownKeyIsRefusedAtTheKeyNamingTheKeysThereAre) {
  EXPECT_THAT(refusal("{check: metrics.continuity, selector: up, selectr: x}"),
              HasSubstr("t.yaml:4:47: unknown key 'selectr' for check 'metrics.continuity' "
                        "(its keys: selector, max_spacing, recover_within)"));
}

TEST(CheckParameters, AMissingRequiredKeyIsRefusedWithWhatItIs) {
  EXPECT_THAT(refusal("{check: metrics.accounting}"),
              HasSubstr("check 'metrics.accounting' needs 'counter': the PromQL counter"));
}

TEST(CheckParameters, AValueOfTheWrongTypeIsRefusedAtTheValue) {
  EXPECT_THAT(refusal("{check: metrics.continuity, selector: up, max_spacing: soon}"),
              HasSubstr("t.yaml:4:60: 'max_spacing': 'soon' is not a duration"));
  EXPECT_THAT(refusal("{check: logs.completeness, services: [a], allow_loss_in_windows: maybe}"),
              HasSubstr("'allow_loss_in_windows' must be true or false, got 'maybe'"));
  EXPECT_THAT(refusal("{check: traces.completeness, services: [gateway], shape: tree}"),
              HasSubstr("'shape' must be one of: spans, chain, got 'tree'"));
  EXPECT_THAT(refusal("{check: metrics.continuity, selector: [up, down]}"),
              HasSubstr("'selector' takes one value, not a list"));
}

TEST(CheckParameters, AYamlListIsAListAndACommaStringStillIs) {
  EXPECT_EQ(refusal("{check: logs.completeness, services: [gateway, orders]}"), "");
  EXPECT_EQ(refusal("{check: logs.completeness, services: 'gateway, orders'}"), "");
  EXPECT_THAT(refusal("{check: logs.completeness, services: []}"),
              HasSubstr("'services' is an empty list"));
}

// The text between `<!-- begin: name -->` and `<!-- end: name -->` in `file`.
std::string section(const std::string& file, const std::string& name) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  const auto all = text.str();
  const auto begin = all.find("<!-- begin: " + name + " -->\n");
  const auto end = all.find("<!-- end: " + name + " -->");
  if (begin == std::string::npos || end == std::string::npos) return "(no section " + name + ")";
  const auto from = begin + name.size() + 17;
  return all.substr(from, end - from);
}

TEST(FaultParameters, AFaultsUnknownKeyOrWrongTypeIsRefusedAtTheValue) {
  FaultRegistry registry;
  register_builtin_faults(registry);
  const auto refused = [&](const std::string& fault) -> std::string {
    const auto scenario =
        parse_scenario("name: t\nworkload: {rate_per_s: 1, duration: 20s}\ntimeline:\n  - " +
                           fault + "\nexpectations: [{check: metrics.persistence, selector: up}]\n",
                       "t.yaml");
    testing::FakeRuntime runtime{{"loki"}};
    testing::FakeClock clock;
    FaultContext context{runtime, clock, reference_system()};
    try {
      registry.create(scenario.timeline.at(0), context);
      return "";
    } catch (const ConfigError& e) {
      return e.what();
    }
  };
  EXPECT_EQ(refused("{at: 1s, fault: latency, target: loki, for: 2s, latency: 100ms}"), "");
  EXPECT_THAT(refused("{at: 1s, fault: latency, target: loki, for: 2s, latncy: 100ms}"),
              HasSubstr("unknown key 'latncy' for fault 'latency' (its keys: latency, jitter, "
                        "stream, toxicity)"));
  EXPECT_THAT(refused("{at: 1s, fault: latency, target: loki, for: 2s}"),
              HasSubstr("fault 'latency' needs 'latency': how long every chunk waits"));
  EXPECT_THAT(
      refused("{at: 1s, fault: latency, target: loki, for: 2s, latency: 1s, stream: sideways}"),
      HasSubstr("'stream' must be one of: downstream, upstream, got 'sideways'"));
  EXPECT_THAT(refused("{at: 1s, fault: pause, target: loki, for: 2s, grace: 1s}"),
              HasSubstr("unknown key 'grace': fault 'pause' takes no parameters"));
}

// The error parse_scenario refuses `text` with, or "".
std::string scenario_refusal(const std::string& text) {
  try {
    parse_scenario(text, "s.yaml");
    return "";
  } catch (const ConfigError& e) {
    return e.what();
  }
}

TEST(ScenarioKeys, ARequestTemplateIsCheckedAgainstItsDeclaredKeys) {
  const auto with = [](const std::string& request) {
    return scenario_refusal("name: x\nworkload:\n  duration: 5s\n  requests:\n    - " + request +
                            "\nexpectations: [{check: a}]\n");
  };
  EXPECT_EQ(with("{method: POST, path: /a, headers: {X-A: b}, body: x, weight: 2}"), "");
  EXPECT_THAT(with("{path: /a, wieght: 2}"),
              HasSubstr("s.yaml:5:18: unknown key 'wieght' for a request template (its keys: "
                        "method, path, headers, body, weight)"));
  EXPECT_THAT(with("{path: /a, weight: heavy}"),
              HasSubstr("s.yaml:5:26: 'weight' must be a whole number, got 'heavy'"));
  EXPECT_THAT(with("{path: /a, headers: [X-A]}"),
              HasSubstr("s.yaml:5:27: 'headers' must be a mapping of keys to values"));
  EXPECT_THAT(with("{method: POST}"),
              HasSubstr("s.yaml:5:7: a request template needs 'path': starts with '/'"));
}

TEST(ScenarioKeys, TheFileAndItsWorkloadAreCheckedAgainstTheirDeclaredKeys) {
  EXPECT_EQ(scenario_refusal("name: x\nseed: 7\nworkload: {duration: 5s}\n"
                             "expectations: [{check: a}]\n"),
            "");
  EXPECT_THAT(scenario_refusal("name: x\nseed: -7\nworkload: {duration: 5s}\n"
                               "expectations: [{check: a}]\n"),
              HasSubstr("s.yaml:2:7: 'seed' must be a whole number, got '-7'"));
  EXPECT_THAT(scenario_refusal("name: x\nworkload: {duration: 5s}\nexpectations: {check: a}\n"),
              HasSubstr("s.yaml:3:15: 'expectations' must be a list of entries"));
  EXPECT_THAT(scenario_refusal("name: x\nworkload: {duration: 5s, success: {ok: 200}}\n"
                               "expectations: [{check: a}]\n"),
              HasSubstr("s.yaml:2:35: 'success' is a list, not a mapping"));
  EXPECT_THAT(scenario_refusal("name: x\nworkload: {duration: 5s}\nexpectations: [{check: a}]\n"
                               "timeline: [{at: 1s, fault: kill, target: a, for: 1s, declared: "
                               "no}]\n"),
              HasSubstr("s.yaml:4:64: 'declared' must be true or false, got 'no'"));
}

TEST(ScenarioKeys, TheReadmeShowsTheTablesTheDeclarationsGenerate) {
  // Regenerate with: build/dev/harness/cli/unbroken reference scenario
  EXPECT_EQ(section(std::string(UNBROKEN_SOURCE_DIR) + "/scenarios/README.md", "scenario keys"),
            scenario_keys_reference());
}

TEST(SystemKeys, TheReadmeShowsTheTablesTheDeclarationsGenerate) {
  // Regenerate with: build/dev/harness/cli/unbroken reference system
  EXPECT_EQ(section(std::string(UNBROKEN_SOURCE_DIR) + "/scenarios/README.md", "system keys"),
            system_keys_reference());
}

TEST(DescribedParameters, AGivenValueIsShownAsGivenAndADefaultIsNamedAsOne) {
  const auto scenario = parse_scenario(
      "name: t\nworkload: {duration: 1s}\nexpectations:\n"
      "  - {check: logs.completeness, services: [a, b], recover_within: 20s}\n",
      "t.yaml");
  CheckRegistry registry;
  register_builtin_checks(registry);
  const auto lines =
      describe_params(scenario.expectations.at(0).params, registry.parameters("logs.completeness"));
  EXPECT_THAT(lines, ::testing::Contains("services: [a, b]"));
  EXPECT_THAT(lines, ::testing::Contains("recover_within: 20s"));
  EXPECT_THAT(lines, ::testing::Contains("judge: all (default)"));
  EXPECT_THAT(lines, ::testing::Not(::testing::Contains(HasSubstr("recover_within: 15s"))));
}

TEST(CheckParameters, TheReadmeShowsTheTablesTheDeclarationsGenerate) {
  CheckRegistry registry;
  register_builtin_checks(registry);
  // Regenerate with: build/dev/harness/cli/unbroken reference checks
  EXPECT_EQ(section(std::string(UNBROKEN_SOURCE_DIR) + "/scenarios/README.md", "check parameters"),
            registry.reference());
}

TEST(FaultParameters, TheReadmeShowsTheTablesTheDeclarationsGenerate) {
  FaultRegistry registry;
  register_builtin_faults(registry);
  // Regenerate with: build/dev/harness/cli/unbroken reference faults
  EXPECT_EQ(section(std::string(UNBROKEN_SOURCE_DIR) + "/scenarios/README.md", "fault parameters"),
            registry.reference());
}

}  // namespace
}  // namespace unbroken
