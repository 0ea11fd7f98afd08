// The unbroken binary's handling of bad input: distinct exit codes and errors that name
// the file:line:col or the thing expected. None of these reach Docker.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>

#include "harness/runtime/boost_process_runner.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

ProcessResult unbroken(std::vector<std::string> args) {
  args.insert(args.begin(), UNBROKEN_BIN);
  BoostProcessRunner runner;
  return runner.run({args, {}, Millis(30'000)});
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// This test process's own directory under the temporary directory: ctest runs tests side
// by side, each in its own process, and a shared file name would be written by two at once.
const std::filesystem::path& scratch() {
  static const auto dir = [] {
    auto d = std::filesystem::temp_directory_path() / fmt::format("unbroken-cli-{}", getpid());
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

std::string write_scenario(const std::string& name, const std::string& text) {
  const auto path = scratch() / name;
  std::ofstream(path) << text;
  return path.string();
}

// What `validate` said about `file`, which it must refuse as bad input.
std::string refusal(const std::string& file) {
  const auto r = unbroken({"validate", file});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  return r.err;
}

// Its reader gone before it writes a word, the harness still finishes what it was doing:
// a closed stdout never kills it (for a run, that would skip teardown and the report).
TEST(Cli, AClosedStdoutDoesNotKillTheHarness) {
  namespace bp = boost::process;
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  ::close(ends[0]);  // nobody will ever read
  FILE* sink = ::fdopen(ends[1], "w");
  bp::child child(UNBROKEN_BIN, "validate",
                  std::string(UNBROKEN_SOURCE_DIR) + "/scenarios/chaos/loki-stop.yaml",
                  bp::std_in<bp::null, bp::std_out> sink, bp::std_err > bp::null);
  std::fclose(sink);
  child.wait();
  EXPECT_FALSE(WIFSIGNALED(child.native_exit_code()))
      << "killed by signal " << WTERMSIG(child.native_exit_code());
  EXPECT_EQ(child.exit_code(), 0);
}

TEST(Cli, UnknownOptionIsAUsageError) {
  const auto r = unbroken({"run", "--frobnicate", "x.yaml"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Cli, MissingScenarioFileIsAUsageError) {
  const auto r = unbroken({"run", "/nonexistent/scenario.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/scenario.yaml"));
}

TEST(Cli, ScenarioErrorNamesFileLineAndColumn) {
  const auto file = write_scenario("unbroken-cli-bad.yaml",
                                   "name: bad\nworkload:\n  rate_per_s: 50\n  duraton: 10s\n"
                                   "expectations: [{check: metrics.accounting}]\n");
  const auto r = unbroken({"run", "--report-dir", scratch().string(), file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(file + ":4:3: unknown key 'duraton'"));
}

TEST(Cli, UnknownImageSetIsAUsageError) {
  const auto r = unbroken({"run", "--images", "nightly",
                           UNBROKEN_SOURCE_DIR "/scenarios/chaos/prometheus-recovery.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown image set 'nightly'"));
}

// An engine that does not answer is not an empty one: recover says so and claims nothing.
TEST(Cli, RecoverWithoutAnEngineIsAConfigurationErrorNotAnEmptySweep) {
  BoostProcessRunner runner;
  const auto r = runner.run({{UNBROKEN_BIN, "recover"},
                             {{"DOCKER_HOST", "unix:///nonexistent/unbroken-test.sock"}},
                             Millis(30'000)});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("no Docker engine answers"));
  EXPECT_THAT(r.out, Not(HasSubstr("dead run(s) removed")));
}

TEST(Cli, HelpExitsZero) {
  const auto r = unbroken({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("run"));
}

}  // namespace
}  // namespace unbroken

namespace unbroken {
namespace {

TEST(Cli, ValidateAcceptsAShippedScenarioAndPrintsThePlanWithoutDocker) {
  const auto r =
      unbroken({"validate", UNBROKEN_SOURCE_DIR "/scenarios/chaos/jaeger-recovery.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("fault at +5s: kill jaeger with SIGKILL; healed at +15s"));
}

TEST(Cli, ValidateRejectsABadFaultParameterAtItsLine) {
  const auto file =
      write_scenario("unbroken-cli-badfault.yaml",
                     "name: x\nworkload: {duration: 20s}\ntimeline:\n"
                     "  - {at: 1s, fault: pause, target: loki, for: 1s, signal: SIGSTOP}\n"
                     "expectations: [{check: logs.completeness}]\n");
  const auto r = unbroken({"validate", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err,
              HasSubstr(file + ":4:51: unknown key 'signal': fault 'pause' takes no parameters"));
  EXPECT_THAT(r.out, Not(HasSubstr("valid scenario")));
}

TEST(Cli, DryRunPrintsThePlanAndWritesNoReport) {
  const auto reports = scratch() / "unbroken-cli-dry-run";
  std::filesystem::remove_all(reports);
  const auto r = unbroken({"run", "--dry-run", "--report-dir", reports.string(),
                           UNBROKEN_SOURCE_DIR "/scenarios/chaos/prometheus-recovery.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("check: metrics.continuity"));
  EXPECT_FALSE(std::filesystem::exists(reports));
}

}  // namespace
}  // namespace unbroken

namespace unbroken {
namespace {

const char* kRandomScenario =
    "name: replayable\nseed: 99\nworkload: {duration: 40s}\ntimeline:\n"
    "  - {at: 5s..15s, fault: kill, target: [orders, inventory], for: 5s}\n"
    "expectations: [{check: logs.completeness, services: \"gateway, orders, inventory\"}]\n";

// A report as `unbroken run` writes it, for the scenario at `scenario` drawn with seed 99.
std::string write_report(const std::string& name, const std::string& scenario,
                         const std::string& target, long at_ms) {
  const auto path = scratch() / name;
  std::ofstream(path) << "{\"scenario\": {\"name\": \"replayable\", \"file\": \"" << scenario
                      << "\"}, \"seed\": 99, \"images\": \"offline\", \"faults\": [{\"kind\": "
                         "\"kill\", \"target\": \""
                      << target << "\", \"planned_at_ms\": " << at_ms
                      << ", \"planned_duration_ms\": 5000}]}";
  return path.string();
}

// What seed 99 draws for kRandomScenario, read from the dry run's plan.
std::string drawn_plan() {
  const auto file = write_scenario("unbroken-cli-replayable.yaml", kRandomScenario);
  const auto r = unbroken({"run", "--dry-run", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

// A report of what seed 99 draws for kRandomScenario: the drawn target and time read back
// from the dry run's plan and recorded as a run would.
std::string write_report_of_the_draw(const std::string& name, const std::string& scenario) {
  const auto plan = drawn_plan();
  const auto target = plan.find("target orders,") != std::string::npos ? "orders" : "inventory";
  const auto at_pos = plan.find(": at ") + 5;
  const auto at_text = plan.substr(at_pos, plan.find(',', at_pos) - at_pos);
  const long at_ms =
      std::lround(std::stod(at_text) * (at_text.find("ms") != std::string::npos ? 1 : 1000));
  return write_report(name, scenario, target, at_ms);
}

TEST(Cli, DryRunShowsWhatTheSeedDrew) {
  const auto out = drawn_plan();
  EXPECT_THAT(out, HasSubstr("seed 99 drew:"));
  EXPECT_THAT(out, HasSubstr("one of [orders, inventory]"));
  EXPECT_EQ(out, drawn_plan());  // and the same seed draws the same again
}

TEST(Cli, DryRunPlansEveryOccurrenceOfARepeatedFault) {
  const auto file =
      write_scenario("unbroken-cli-repeat.yaml",
                     "name: soak-repeat\nworkload: {duration: 100s}\ntimeline:\n"
                     "  - {at: 10s, fault: kill, target: orders, for: 5s, "
                     "repeat: every 30s}\n"
                     "expectations: [{check: logs.completeness, services: orders}]\n");
  const auto r = unbroken({"run", "--dry-run", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("fault at +10s: kill orders with SIGKILL; healed at +15s"));
  EXPECT_THAT(r.out, HasSubstr("fault at +40s: kill orders with SIGKILL; healed at +45s"));
  EXPECT_THAT(r.out, HasSubstr("fault at +70s: kill orders with SIGKILL; healed at +75s"));
  EXPECT_THAT(r.out, Not(HasSubstr("fault at +100s")));
}

TEST(Cli, ReplayRefusesAReportWhoseTimelineTheSeedNoLongerDraws) {
  const auto scenario = write_scenario("unbroken-cli-replayable.yaml", kRandomScenario);
  // A recorded kill at 3s cannot come from 5s..15s: the scenario changed since.
  const auto report = write_report("unbroken-cli-report-changed.json", scenario, "orders", 3000);
  const auto r = unbroken({"replay", "--dry-run", report});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("the scenario changed since the recorded run"));
  EXPECT_THAT(r.err, HasSubstr("fault 1 was kill orders at 3s for 5s"));
}

TEST(Cli, ReplayAcceptsTheTimelineTheSeedDraws) {
  const auto scenario = write_scenario("unbroken-cli-replayable.yaml", kRandomScenario);
  const auto report = write_report_of_the_draw("unbroken-cli-report-same.json", scenario);
  const auto r = unbroken({"replay", "--dry-run", report});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("seed 99 drew:"));
}

// A report carries its scenario's text: on a machine without the file the replay runs
// what was recorded, and says so first.
TEST(Cli, ReplayRunsTheRecordedScenarioTextWhenTheFileIsNotOnThisMachine) {
  const auto scenario = write_scenario("unbroken-cli-replayable.yaml", kRandomScenario);
  auto report = nlohmann::json::parse(
      read_file(write_report_of_the_draw("unbroken-cli-report-text.json", scenario)));
  report["scenario"]["file"] = "/nowhere/unbroken/replayable.yaml";
  report["scenario"]["text"] = kRandomScenario;
  const auto path = scratch() / "unbroken-cli-report-text.json";
  std::ofstream(path) << report.dump();
  const auto r = unbroken({"replay", "--dry-run", path.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("the scenario file /nowhere/unbroken/replayable.yaml is not on "
                               "this machine: the recorded text is replayed"));
  EXPECT_THAT(r.out, HasSubstr("valid scenario 'replayable'"));
}

TEST(Cli, ReplayOfSomethingThatIsNotAReportIsAUsageError) {
  const auto path = write_scenario("unbroken-cli-not-a-report.json", "{\"seed\": 1}");
  const auto r = unbroken({"replay", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("not a report unbroken can replay"));
}

// A user's system in a scratch directory: its own compose file (an app and a Prometheus) and
// system file, beside the scenarios that name it. Nothing here reaches Docker.
class UserSystem {
 public:
  UserSystem() : dir_(scratch() / "unbroken-cli-user-system") {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    write("compose.yml", R"(services:
  app:
    image: example/app
    ports: ["127.0.0.1::8080"]
  prom:
    image: example/prometheus
    ports: ["127.0.0.1::9090"]
)");
    write("system.yaml", R"(name: shop
compose: compose.yml
services:
  app: {port: 8080, ready: {http: /ready}}
  prom: {port: 9090, ready: {tcp: 9090}}
backends: {prometheus: prom}
load: {service: app, path: /buy}
signals:
  metrics: {app: [app, prom]}
)");
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  std::string read(const std::string& name) const {
    std::ifstream in(dir_ / name);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  // A scenario naming this system, with `rest` after its workload.
  std::string scenario(const std::string& rest) const {
    return write(
        "scenario.yaml",
        "name: shop-test\nsystem: system.yaml\nworkload: {rate_per_s: 10, duration: 20s}\n" + rest);
  }

 private:
  std::filesystem::path dir_;
};

TEST(Cli, AScenarioRunsAgainstTheSystemItNamesWithItsLoadEntry) {
  const UserSystem shop;
  const std::string rest =
      "timeline: [{at: 5s, fault: kill, target: app, for: 5s}]\n"
      "expectations: [{check: metrics.continuity, selector: 'up{job=\"app\"}'}]\n";
  const auto r = unbroken({"validate", shop.scenario(rest)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("against system 'shop'"));
  EXPECT_THAT(
      r.out,
      HasSubstr("10 requests/s for 20s (200 requests) to app:8080 over at most 32 connections: "
                "GET /buy; succeeded: HTTP 200"));
  // A system that states what its service serves holds the driver to it.
  shop.write("system.yaml", std::regex_replace(shop.read("system.yaml"), std::regex("path: /buy"),
                                               "path: /buy, max_connections: 8"));
  const auto bounded = unbroken({"validate", shop.scenario(rest)});
  EXPECT_EQ(bounded.exit_code, 0) << bounded.err;
  EXPECT_THAT(bounded.out, HasSubstr("to app:8080 over at most 8 connections (the system's "
                                     "load.max_connections)"));
}

TEST(Cli, ACheckWhoseBackendTheSystemLacksIsRefusedAtItsLine) {
  const UserSystem shop;
  const auto file = shop.scenario("expectations:\n  - check: logs.completeness\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":5:5: check 'logs.completeness' reads the loki backend, "
                                  "which system 'shop'"));
}

TEST(Cli, AnUnknownTargetNamesTheServicesOfTheScenariosSystem) {
  const UserSystem shop;
  const auto file = shop.scenario(
      "timeline: [{at: 5s, fault: kill, target: loki, for: 5s}]\n"
      "expectations: [{check: metrics.accounting}]\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":4:12: unknown target 'loki': system 'shop' has the "
                                  "services app, prom"));
}

TEST(Cli, AMissingOverrideFileIsRefusedAtItsEntry) {
  const UserSystem shop;
  const auto file = shop.scenario(
      "stack: {overrides: [small-disk.yml]}\nexpectations: [{check: metrics.accounting}]\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":4:21: override file"));
  EXPECT_THAT(r, HasSubstr("small-disk.yml does not exist"));
}

TEST(Cli, ASystemFileNamingAServiceItsComposeLacksIsRefusedAtTheSystemFile) {
  const UserSystem shop;
  const auto system = shop.write("system.yaml", "compose: compose.yml\nservices: {api: }\n");
  const auto r =
      unbroken({"validate", shop.scenario("expectations: [{check: metrics.accounting}]\n")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(system + ":2:12: service 'api' is not defined by the compose "
                                        "files (they define: app, prom)"));
}

}  // namespace
}  // namespace unbroken

namespace unbroken {
namespace {

TEST(CliVersion, VersionPrintsTheHarnessVersionAndExitsZero) {
  const auto r = unbroken({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::MatchesRegex("unbroken [0-9]+\\.[0-9]+\\.[0-9]+\n"));
}

TEST(CliVersion, VerboseIsAcceptedAfterTheSubcommandAsTheReadmeWritesIt) {
  const auto r =
      unbroken({"run", UNBROKEN_SOURCE_DIR "/scenarios/chaos/loki-stop.yaml", "--dry-run", "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// The one directory under `root` ("" when there is none).
std::filesystem::path only_dir_in(const std::filesystem::path& root) {
  if (!std::filesystem::is_directory(root)) return {};
  for (const auto& entry : std::filesystem::directory_iterator(root))
    if (entry.is_directory()) return entry.path();
  return {};
}

// A suite checks every scenario before it starts anything: a bad file refuses the whole
// suite at that file's line, and nothing starts. The suite's junit.xml and summary still
// say why, for the CI page.
TEST(CliSuite, OneBadScenarioInADirectoryRefusesTheSuiteAtItsLineAndStartsNothing) {
  const auto dir = scratch() / "unbroken-cli-suite";
  const auto reports = dir / "reports";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(UNBROKEN_SOURCE_DIR "/scenarios/chaos/loki-stop.yaml",
                             dir / "a-good.yaml");
  std::ofstream(dir / "b-bad.yaml") << "name: x\nworkload: {duration: 20s}\n"
                                       "expectations: [{check: logs.nonsense}]\n";
  const auto r =
      unbroken({"run", dir.string(), "--images", "offline", "--report-dir", reports.string()});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  const auto where = (dir / "b-bad.yaml").string() + ":3:16: unknown check";
  EXPECT_THAT(r.err, HasSubstr(where));
  EXPECT_THAT(r.out, Not(HasSubstr("[start")));
  const auto suite = only_dir_in(reports);
  ASSERT_FALSE(suite.empty()) << "no suite reports";
  EXPECT_EQ(only_dir_in(suite), "") << "a run directory was made: something started";
  EXPECT_THAT(read_file(suite / "junit.xml"), HasSubstr(where));
  EXPECT_THAT(read_file(suite / "summary.md"),
              HasSubstr("not started: another scenario of the suite is invalid"));
  std::filesystem::remove_all(dir);
}

// With no engine, a run still leaves a report.json and a junit.xml that say so.
TEST(CliReports, ARunWithoutAnEngineStillWritesItsReportAndJunit) {
  const auto reports = scratch() / "unbroken-cli-no-engine";
  std::filesystem::remove_all(reports);
  BoostProcessRunner runner;
  const auto r =
      runner.run({{UNBROKEN_BIN, "run", "--images", "offline", "--report-dir", reports.string(),
                   UNBROKEN_SOURCE_DIR "/scenarios/chaos/loki-stop.yaml"},
                  {{"DOCKER_HOST", "unix:///nonexistent/unbroken-test.sock"}},
                  Millis(30'000)});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  const auto run = only_dir_in(reports);
  ASSERT_FALSE(run.empty()) << "no report directory";
  const auto report = nlohmann::json::parse(read_file(run / "report.json"));
  EXPECT_EQ(report["status"], "errored");
  EXPECT_EQ(report["exit_code"], 2);
  EXPECT_THAT(report["verdicts"][0]["reason"].get<std::string>(),
              HasSubstr("no Docker engine answers"));
  EXPECT_THAT(read_file(run / "junit.xml"),
              HasSubstr(R"(<testcase classname="loki-stop" name="run")"));
  std::filesystem::remove_all(reports);
}

// A bad scenario given to `run` leaves a report naming the line; `validate` writes none.
TEST(CliReports, ABadScenarioRunLeavesAReportButValidateDoesNot) {
  const auto reports = scratch() / "unbroken-cli-bad-run";
  std::filesystem::remove_all(reports);
  const auto file = write_scenario("unbroken-cli-bad-run.yaml",
                                   "name: x\nworkload: {duration: 0s}\n"
                                   "expectations: [{check: logs.completeness}]\n");
  const auto r = unbroken({"run", "--report-dir", reports.string(), file});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  const auto run = only_dir_in(reports);
  ASSERT_FALSE(run.empty()) << "no report directory";
  EXPECT_THAT(read_file(run / "junit.xml"), HasSubstr(file + ":2:"));
  std::filesystem::remove_all(reports);
  EXPECT_EQ(unbroken({"validate", file}).exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(reports));
}

TEST(CliSuite, ADryRunOfADirectoryChecksEveryScenarioInIt) {
  const auto r = unbroken({"run", "--dry-run", UNBROKEN_SOURCE_DIR "/scenarios/integration"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* name : {"end-to-end", "health-checks", "tracing-flow", "logging-flow"})
    EXPECT_THAT(r.out, HasSubstr(fmt::format("integration/{}.yaml: valid scenario", name)));
}

TEST(CliSuite, ADirectoryWithoutScenariosIsAUsageError) {
  const auto dir = scratch() / "unbroken-cli-empty-suite";
  std::filesystem::create_directories(dir);
  const auto r = unbroken({"run", dir.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no scenario file (*.yaml, *.yml) in this directory"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace unbroken

namespace unbroken {
namespace {

// report.html in a real browser: Debian's headless Chromium loads it from disk with no
// console message, and the timeline picture is in the page it built. The report is a real
// run's (prometheus-recovery), kept as data.
TEST(CliRender, AReportRendersInHeadlessChromiumWithItsTimelineAndNoConsoleMessage) {
  const auto dir = scratch() / "unbroken-cli-render";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(UNBROKEN_SOURCE_DIR "/tests/cli/data/prometheus-recovery-report.json",
                             dir / "report.json");
  const auto rendered = unbroken({"render", (dir / "report.json").string()});
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_THAT(rendered.out, HasSubstr("report.html"));

  BoostProcessRunner runner;
  const auto browser = runner.run(
      {{"chromium", "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
        "--v=0", "--dump-dom", "file://" + (dir / "report.html").string()},
       {},
       Millis(60'000)});
  ASSERT_EQ(browser.exit_code, 0) << browser.err;
  EXPECT_THAT(browser.out, HasSubstr(R"(<svg id="timeline")"));
  EXPECT_THAT(browser.out, HasSubstr(R"(class="window declared verified")"));
  EXPECT_THAT(browser.out, HasSubstr(R"(<rect class="ok")"));
  EXPECT_THAT(browser.out, HasSubstr("recovered 7.2 s after heal"));
  EXPECT_THAT(browser.err, Not(HasSubstr("CONSOLE"))) << "the page logged to the console";
  std::filesystem::remove_all(dir);
}

TEST(CliRender, SomethingThatIsNotAReportIsAUsageError) {
  const auto file = write_scenario("unbroken-cli-not-a-report.json", "{\"name\": 1}");
  const auto r = unbroken({"render", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("is not a run's report.json"));
}

// Input that yaml-cpp or the loaders used to accept without a word (issue 15): each is
// refused by `validate` with exit 2 at the offending value, and each beside the valid form
// it differs from.
constexpr const char* kAccountingOnly =
    "expectations:\n"
    "  - check: metrics.accounting\n"
    "    counter: 'http_requests_total{job=\"gateway\"}'\n";

std::string malformed(const std::string& name, const std::string& body) {
  return write_scenario(name, "name: m\n" + body + kAccountingOnly);
}

TEST(CliMalformed, TheValidFormOfEachIsAccepted) {
  const auto file =
      malformed("valid.yaml",
                "workload:\n  rate_per_s: 10\n  duration: 20s\n"
                "timeline:\n"
                "  - {at: 5s, fault: kill, target: loki, for: 5s}\n"
                "  - {at: 6s, fault: latency, target: loki, for: 2s, latency: 1s}\n"
                "  - {at: 6s, fault: cpu_throttle, target: loki, for: 2s, cpus: 0.5}\n");
  const auto r = unbroken({"validate", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliMalformed, ADuplicatedKeyIsRefusedAtTheSecond) {
  const auto file = malformed("duplicate.yaml",
                              "workload:\n  rate_per_s: 10\n  duration: 20s\n  rate_per_s: 20\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":5:3: 'rate_per_s' is given twice in this mapping (first "
                                  "at line 3, column 3)"));
}

TEST(CliMalformed, ASecondDocumentIsRefusedWhereItStarts) {
  const auto file =
      write_scenario("two-documents.yaml", std::string("name: m\nworkload: {duration: 20s}\n") +
                                               kAccountingOnly + "---\nname: other\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":6:1: a second YAML document"));
}

TEST(CliMalformed, AKeyThatIsAListIsRefusedAtTheKeyNotAsAHarnessError) {
  const auto file = malformed("complex-key.yaml", "workload: {duration: 20s}\n? [a, b]\n: c\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":3:3: a key must be a single value"));
}

TEST(CliMalformed, AFaultHealedAsItIsInjectedIsRefusedAtItsFor) {
  const auto file = malformed("for-zero.yaml",
                              "workload: {duration: 20s}\n"
                              "timeline:\n"
                              "  - at: 5s\n"
                              "    fault: kill\n"
                              "    target: loki\n"
                              "    for: 0s\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":7:10: 'for' must be positive"));
}

TEST(CliMalformed, ALoadPlanBeyondTheBoundIsRefusedNamingIt) {
  const auto file = malformed("huge-load.yaml", "workload:\n  rate_per_s: 1e9\n  duration: 10h\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":3:15: the load plans 36000000000000 requests"));
  EXPECT_THAT(r, HasSubstr("more than a run may send (1000000"));
  const auto long_run =
      malformed("long-load.yaml", "workload:\n  rate_per_s: 1\n  duration: 25h\n");
  const auto r2 = refusal(long_run);
  EXPECT_THAT(r2, HasSubstr(long_run + ":4:13: 'workload.duration' 1500m is longer than a "
                                       "run may last (1440m)"));
}

TEST(CliMalformed, TwoFaultsOnOneProcessAtOnceAreRefusedAtTheLatersTarget) {
  const auto file = malformed("kill-while-paused.yaml",
                              "workload: {duration: 20s}\n"
                              "timeline:\n"
                              "  - {at: 5s, fault: pause, target: loki, for: 5s}\n"
                              "  - {at: 7s, fault: kill, target: loki, for: 2s}\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":5:35: 'kill' on loki from 7s to 9s overlaps 'pause' on "
                                  "it from 5s to 10s (line 4): both act on its process"));
}

TEST(CliMalformed, TwoFaultsOfOneKindOnOneTargetAtOnceAreRefused) {
  const auto file =
      malformed("two-throttles.yaml",
                "workload: {duration: 20s}\n"
                "timeline:\n"
                "  - {at: 5s, fault: cpu_throttle, target: loki, for: 5s, cpus: 0.5}\n"
                "  - {at: 6s, fault: cpu_throttle, target: loki, for: 2s, cpus: 0.5}\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr("two faults of one kind on one target"));
}

// A scenario of a 20 s load judged by one check, given as its YAML lines (from line 4).
std::string judged_by(const std::string& name, const std::string& check) {
  return write_scenario(name, "name: m\nworkload: {duration: 20s}\nexpectations:\n" + check);
}

TEST(CliMalformed, AnUnbalancedPromqlSelectorIsRefusedAtTheValue) {
  const auto file = judged_by("unbalanced.yaml",
                              "  - check: metrics.accounting\n"
                              "    counter: 'http_requests_total{job=\"gateway\"'\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":5:14: 'counter' is not a PromQL series selector: ',' "
                                  "or '}' expected at the end"));
}

// The reference system's rules files (compose/prometheus/rules/) define UnbrokenTargetDown.
std::string alert_scenario(const std::string& name, const std::string& alert) {
  return judged_by(name, "  - check: alerts.fire\n    alert: " + alert + "\n");
}

TEST(CliMalformed, AnAlertTheSystemsRulesDefineIsAccepted) {
  const auto r = unbroken({"validate", alert_scenario("known-alert.yaml", "UnbrokenTargetDown")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliMalformed, AnAlertNoRuleDefinesIsRefusedAtTheValueBeforeAnythingStarts) {
  const auto file = alert_scenario("unknown-alert.yaml", "UnbrokenTargetDwn");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":5:12: alerts.fire: alert 'UnbrokenTargetDwn' is not an "
                                  "alerting rule of system 'reference': its Prometheus will "
                                  "load UnbrokenExporterDropping, UnbrokenHighErrorRate, "
                                  "UnbrokenTargetDown (from "));
  EXPECT_THAT(r, HasSubstr("compose/prometheus/rules/unbroken.rules.yml)"));
}

// Aliases that multiply (a "billion laughs", found by fuzz_scenario): refused at once,
// beside an anchor used as people use one.
// A ',' after a whole document (found by fuzz_scenario): yaml-cpp 0.7's LoadAll would
// read empty documents there until memory ran out. A ',' inside [ ] is read as usual.
TEST(CliMalformed, AStrayCommaIsRefusedWhereItStandsNotReadForever) {
  const auto file = write_scenario("stray-comma.yaml", "\"name: m\",\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr(file + ":1:10: a ',' outside any [ ] or { }"));
  const auto listed = malformed("listed.yaml", "workload: {duration: 20s}\n");
  EXPECT_EQ(unbroken({"validate", listed}).exit_code, 0);
}

TEST(CliMalformed, AnAliasInsideItsOwnAnchorIsRefusedNotWalkedForever) {
  const auto file = write_scenario("cycle.yaml", "name: m\nloop: &a [x, *a]\n");
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr("nested more than 100 deep (kMaxYamlDepth), or an alias inside its "
                           "own anchor"));
}

TEST(CliMalformed, AnchorsAndAliasesAreRead) {
  const auto file = write_scenario(
      "anchors.yaml", std::string("name: m\nworkload: {duration: 20s}\n"
                                  "timeline:\n"
                                  "  - {at: 5s, fault: kill, target: &t loki, for: 2s}\n"
                                  "  - {at: 10s, fault: kill, target: *t, for: 2s}\n") +
                          kAccountingOnly);
  const auto r = unbroken({"validate", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliMalformed, AliasesThatMultiplyAreRefusedBeforeTheyAreWalked) {
  std::string bomb = "name: m\nx0: &x0 [a, a, a, a, a, a, a, a, a, a]\n";
  for (int level = 1; level <= 9; ++level) {
    bomb += fmt::format("x{}: &x{} [", level, level);
    for (int i = 0; i < 10; ++i) bomb += fmt::format("{}*x{}", i ? ", " : "", level - 1);
    bomb += "]\n";
  }
  const auto file = write_scenario("aliases.yaml", bomb);
  const auto r = refusal(file);
  EXPECT_THAT(r, HasSubstr("more than 100000 values once its aliases are expanded "
                           "(kMaxYamlValues)"));
}

}  // namespace
}  // namespace unbroken
