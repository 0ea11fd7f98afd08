#include "harness/runtime/docker_runtime.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "harness/core/errors.h"
#include "tests/fakes/fake_engine_socket.h"
#include "tests/fakes/fake_process_runner.h"

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using testing::FakeProcessRunner;
using ::testing::HasSubstr;
using testing::ok;

using Argv = std::vector<std::string>;

const char* kInspectRunning = R"([{"State":{"Status":"running","Running":true,"Paused":false,
  "OOMKilled":false,"ExitCode":0},"NetworkSettings":{"Ports":{"9090/tcp":[
  {"HostIp":"127.0.0.1","HostPort":"32769"}]}}}])";

DockerEngine v1_engine() {
  return DockerEngine{"20.10.24", {"docker-compose"}, "1.29.2"};
}

StackSpec stack() {
  return StackSpec{"20261122-101500-beef",
                   {"/stack/stack.yml", "/stack/overrides/x.yml"},
                   {{"UNBROKEN_PROMETHEUS_IMAGE", "unbroken.invalid/prometheus:offline"}}};
}

// Answers `docker ps` with one container id and `docker inspect` with a running state.
ProcessResult one_container(const Command& c) {
  if (c.argv.size() > 1 && c.argv[1] == "ps") return ok("c0ffee\n");
  if (c.argv.size() > 1 && c.argv[1] == "inspect") return ok(kInspectRunning);
  return ok();
}

TEST(DockerRuntime, UpRunsComposeWithTheRunProjectFilesAndRunId) {
  FakeProcessRunner runner;
  DockerRuntime runtime(runner, v1_engine());
  runtime.up(stack());
  const auto commands = runner.commands();
  ASSERT_EQ(commands.size(), 3u);
  EXPECT_THAT(commands[0].argv, ElementsAre("docker", "ps", "--all", "--quiet", "--filter",
                                            "label=io.unbroken.run"));  // no other run's ports
  EXPECT_EQ(commands[1].argv.back(), "config");  // no image of the project's: nothing to check
  EXPECT_THAT(commands[2].argv,
              ElementsAre("docker-compose", "--project-name", "unbroken-20261122-101500-beef",
                          "--file", "/stack/stack.yml", "--file", "/stack/overrides/x.yml", "up",
                          "--detach", "--no-build"));
  EXPECT_EQ(commands[2].env.at("UNBROKEN_RUN_ID"), "20261122-101500-beef");
  EXPECT_EQ(commands[2].env.at("UNBROKEN_PROMETHEUS_IMAGE"), "unbroken.invalid/prometheus:offline");
}

// Beside it: a spec naming services starts those alone (services_to_start.h).
TEST(DockerRuntime, UpStartsOnlyTheServicesTheSpecNames) {
  FakeProcessRunner runner;
  DockerRuntime runtime(runner, v1_engine());
  auto spec = stack();
  spec.services = {"prometheus", "gateway"};
  runtime.up(spec);
  const auto commands = runner.commands();
  ASSERT_EQ(commands.size(), 3u);
  EXPECT_THAT(std::vector<std::string>(commands[2].argv.end() - 5, commands[2].argv.end()),
              ElementsAre("up", "--detach", "--no-build", "prometheus", "gateway"));
}

// An image the project builds that is missing here is refused before compose could try to
// pull it from a registry that cannot exist.
TEST(DockerRuntime, AMissingImageOfTheProjectsIsAConfigErrorThatSaysHowToBuildIt) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv.back() == "config") {
      return ok(
          "services:\n  loki:\n    image: unbroken.invalid/loki-standin:offline\n"
          "  prometheus:\n    image: prom/prometheus:v3.5.0\n");
    }
    if (c.argv.size() > 2 && c.argv[1] == "image") return ok("prom/prometheus:v3.5.0\n");
    return ok();
  });
  DockerRuntime runtime(runner, v1_engine());
  try {
    runtime.up(stack());
    FAIL() << "up must refuse";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("image(s) unbroken.invalid/loki-standin:offline are not on "
                                    "this machine"));
    EXPECT_THAT(e.what(), HasSubstr("images/build-offline-images"));
  }
  for (const auto& command : runner.commands()) EXPECT_NE(command.argv.back(), "--no-build");
}

// Beside it: the same image present, compose is asked to start the stack.
TEST(DockerRuntime, ThePresentImagesOfTheProjectsLetTheStackStart) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv.back() == "config") {
      return ok("services:\n  loki:\n    image: unbroken.invalid/loki-standin:offline\n");
    }
    if (c.argv.size() > 2 && c.argv[1] == "image") {
      return ok("unbroken.invalid/loki-standin:offline\n");
    }
    return ok();
  });
  DockerRuntime runtime(runner, v1_engine());
  runtime.up(stack());
  EXPECT_EQ(runner.commands().back().argv.back(), "--no-build");
}

TEST(DockerRuntime, ComposeV2IsCalledAsADockerSubcommand) {
  FakeProcessRunner runner;
  DockerRuntime runtime(runner, DockerEngine{"28.2", {"docker", "compose"}, "2.30"});
  runtime.up(stack());
  const auto argv = runner.commands()[1].argv;
  EXPECT_EQ(Argv(argv.begin(), argv.begin() + 3), (Argv{"docker", "compose", "--project-name"}));
}

TEST(DockerRuntime, DownRemovesVolumesAndSweepsEverythingLabelledWithTheRun) {
  FakeProcessRunner runner;
  DockerRuntime runtime(runner, v1_engine());
  runtime.up(stack());
  EXPECT_TRUE(runtime.down().empty());
  const auto commands = runner.commands();
  EXPECT_THAT(commands[3].argv,
              ::testing::IsSupersetOf({std::string("down"), std::string("--volumes"),
                                       std::string("--remove-orphans")}));
  EXPECT_THAT(commands[4].argv,
              ElementsAre("docker", "ps", "--all", "--filter",
                          "label=io.unbroken.run=20261122-101500-beef", "--format", "{{.ID}}"));
}

TEST(DockerRuntime, UpLabelsTheRunWithTheHarnessPid) {
  FakeProcessRunner runner;
  DockerRuntime runtime(runner, v1_engine());
  runtime.up(stack());
  EXPECT_EQ(runner.commands()[1].env.at("UNBROKEN_HARNESS_PID"), std::to_string(::getpid()));
}

TEST(DockerRuntime, FindsContainersByComposeServiceLabelNotByName) {
  FakeProcessRunner runner(one_container);
  DockerRuntime runtime(runner, v1_engine());
  runtime.up(stack());
  runtime.kill("prometheus", "SIGKILL");
  const auto commands = runner.commands();
  // [0] and [1] read the ports other runs' containers hold; [2] config; [3] up.
  EXPECT_THAT(commands[4].argv,
              ElementsAre("docker", "ps", "--all", "--quiet", "--no-trunc", "--filter",
                          "label=com.docker.compose.project=unbroken-20261122-101500-beef",
                          "--filter", "label=com.docker.compose.service=prometheus"));
  EXPECT_THAT(commands[5].argv, ElementsAre("docker", "kill", "--signal", "SIGKILL", "c0ffee"));
}

// A service's container is looked up once: every later action and state read reuses its id
// (a container keeps it through kill, start and inspect), instead of a `docker ps` each.
TEST(DockerRuntime, AServicesContainerIsLookedUpOnceAndItsIdKept) {
  FakeProcessRunner runner(one_container);
  DockerRuntime runtime(runner, v1_engine());
  runtime.up(stack());
  const auto before = runner.commands().size();
  runtime.kill("prometheus", "SIGKILL");
  EXPECT_TRUE(runtime.state("prometheus").running);
  runtime.start("prometheus");
  EXPECT_TRUE(runtime.state("prometheus").running);
  std::size_t lookups = 0;
  const auto commands = runner.commands();
  for (auto c = commands.begin() + static_cast<std::ptrdiff_t>(before); c != commands.end(); ++c)
    lookups += c->argv[1] == "ps";
  EXPECT_EQ(lookups, 1u);
}

// Beside it: a kept id whose container is gone (removed and created again outside the run)
// is looked up again once, and the state read is the new container's.
TEST(DockerRuntime, AKeptIdWhoseContainerIsGoneIsLookedUpAgain) {
  int lookups = 0;
  FakeProcessRunner runner([&](const Command& c) {
    if (c.argv[1] == "ps") return ok(++lookups == 1 ? "0ld\n" : "fresh\n");
    if (c.argv[1] == "inspect" && c.argv[2] == "0ld")
      return testing::fail("Error: No such object: 0ld");
    if (c.argv[1] == "inspect") return ok(kInspectRunning);
    return ok();
  });
  DockerRuntime runtime(runner, v1_engine());
  EXPECT_TRUE(runtime.state("prometheus").running);
  EXPECT_EQ(lookups, 2);
  EXPECT_EQ(runtime.endpoint("prometheus", 9090).base_url(), "http://127.0.0.1:32769");
  EXPECT_EQ(lookups, 2);  // the new id is kept
}

// Counts the commands of one docker subcommand.
std::size_t count_of(const FakeProcessRunner& runner, const std::string& subcommand) {
  std::size_t n = 0;
  for (const auto& c : runner.commands()) n += c.argv.size() > 1 && c.argv[1] == subcommand;
  return n;
}

// Answers the project's `docker ps` listing with "<service> <id>" lines; a `docker inspect`
// with a running state.
FakeProcessRunner::Handler listing(std::string lines) {
  return [lines = std::move(lines)](const Command& c) {
    if (c.argv[1] == "ps") return ok(lines);
    if (c.argv[1] == "inspect") return ok(kInspectRunning);
    return ok();
  };
}

// The listing of the run's services gives each one's container id too, so reading their
// states after it takes no lookup of its own.
TEST(DockerRuntime, TheServiceListingKeepsEachServicesContainerId) {
  FakeProcessRunner runner(listing("prometheus c0ffee\nloki beef\n"));
  DockerRuntime runtime(runner, v1_engine());
  EXPECT_THAT(runtime.services(), ElementsAre("prometheus", "loki"));
  EXPECT_TRUE(runtime.state("prometheus").running);
  EXPECT_TRUE(runtime.state("loki").running);
  EXPECT_EQ(count_of(runner, "ps"), 1u);
  EXPECT_THAT(runner.commands().back().argv, ElementsAre("docker", "inspect", "beef"));
}

// Beside it: a service listed with two containers keeps no id; it is looked up on its own,
// and refused there as before.
TEST(DockerRuntime, AServiceListedWithTwoContainersKeepsNoId) {
  FakeProcessRunner runner(listing("prometheus c0ffee\nprometheus d00d\n"));
  DockerRuntime runtime(runner, v1_engine());
  EXPECT_THAT(runtime.services(), ElementsAre("prometheus"));
  try {
    runtime.state("prometheus");
    ADD_FAILURE() << "two containers of one service were not refused";
  } catch (const HarnessError& e) {
    EXPECT_THAT(e.what(), HasSubstr("service prometheus has 2 containers"));
  }
  EXPECT_EQ(count_of(runner, "ps"), 2u);
}

// Every service's log is fetched at once: each `docker logs` waits here until all of them
// have started, which fetches made one after another never would (they fail instead).
TEST(DockerRuntime, EveryContainersLogIsSavedAtOnce) {
  std::mutex mutex;
  std::condition_variable all_started;
  int started = 0;
  FakeProcessRunner runner([&](const Command& c) {
    if (c.argv[1] == "ps") return ok("prometheus c0ffee\nloki beef\ngateway f00d\n");
    std::unique_lock lock(mutex);
    ++started;
    all_started.notify_all();
    if (!all_started.wait_for(lock, std::chrono::seconds(10), [&] { return started == 3; }))
      return testing::fail("fetched one after another");
    std::ofstream(c.output_file) << "log of " << c.argv.back() << "\n";
    return ok();
  });
  DockerRuntime runtime(runner, v1_engine());
  const auto dir = std::filesystem::path(::testing::TempDir()) / "logs-at-once";
  std::filesystem::create_directories(dir);
  runtime.save_logs(dir);
  for (const auto& [service, id] :
       {std::pair{"prometheus", "c0ffee"}, {"loki", "beef"}, {"gateway", "f00d"}}) {
    std::ifstream saved(dir / (std::string(service) + ".log"));
    std::string line;
    std::getline(saved, line);
    EXPECT_EQ(line, std::string("log of ") + id) << service;
  }
}

// Beside it: a log the engine cannot give is named in the error, and the others are saved.
TEST(DockerRuntime, ALogTheEngineCannotGiveIsNamedAndTheOthersAreSaved) {
  FakeProcessRunner runner([&](const Command& c) {
    if (c.argv[1] == "ps") return ok("prometheus c0ffee\nloki beef\n");
    if (c.argv.back() == "beef") return testing::fail("Error: No such container: beef");
    std::ofstream(c.output_file) << "saved\n";
    return ok();
  });
  DockerRuntime runtime(runner, v1_engine());
  const auto dir = std::filesystem::path(::testing::TempDir()) / "logs-one-fails";
  std::filesystem::create_directories(dir);
  try {
    runtime.save_logs(dir);
    ADD_FAILURE() << "a log that could not be saved was not reported";
  } catch (const HarnessError& e) {
    EXPECT_THAT(e.what(), HasSubstr("1 of 2 container logs could not be saved"));
    EXPECT_THAT(e.what(), HasSubstr("`docker logs --timestamps beef` exited 1"));
    EXPECT_THAT(e.what(), HasSubstr("loki.log"));
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "prometheus.log"));
}

// The inspection `docker inspect` would print, one container's: what the engine's API
// answers for GET /containers/{id}/json.
const char* kContainerRunning = R"({"State":{"Status":"running","Running":true,"Paused":false,
  "OOMKilled":false,"ExitCode":0},"NetworkSettings":{"Ports":{"9090/tcp":[
  {"HostIp":"127.0.0.1","HostPort":"32769"}]}}})";

// Where the engine's API is reachable, a state read and an endpoint are read from it, not
// from a `docker inspect` process each.
TEST(DockerRuntime, AContainersStateIsReadFromTheEnginesApiWhereItIsReachable) {
  testing::FakeEngineSocket api([](const std::string& target) {
    if (target == "/containers/c0ffee/json")
      return std::make_pair(200, std::string(kContainerRunning));
    return std::make_pair(404, std::string(R"({"message":"no such container"})"));
  });
  FakeProcessRunner runner(one_container);
  auto engine = v1_engine();
  engine.endpoint = api.host();
  DockerRuntime runtime(runner, engine);
  EXPECT_TRUE(runtime.state("prometheus").running);
  EXPECT_EQ(runtime.endpoint("prometheus", 9090).base_url(), "http://127.0.0.1:32769");
  EXPECT_THAT(api.targets(), ElementsAre("/containers/c0ffee/json", "/containers/c0ffee/json"));
  EXPECT_EQ(count_of(runner, "inspect"), 0u);
}

// Beside it: the engine's 404 for a kept id makes the runtime look the service up again,
// and the new container's answer is the state.
TEST(DockerRuntime, AnIdTheEnginesApiNoLongerKnowsIsLookedUpAgain) {
  testing::FakeEngineSocket api([](const std::string& target) {
    if (target == "/containers/fresh/json")
      return std::make_pair(200, std::string(kContainerRunning));
    return std::make_pair(404, std::string(R"({"message":"No such container: 0ld"})"));
  });
  int lookups = 0;
  FakeProcessRunner runner([&](const Command& c) {
    if (c.argv[1] == "ps") return ok(++lookups == 1 ? "0ld\n" : "fresh\n");
    return ok();
  });
  auto engine = v1_engine();
  engine.endpoint = api.host();
  DockerRuntime runtime(runner, engine);
  EXPECT_TRUE(runtime.state("prometheus").running);
  EXPECT_EQ(lookups, 2);
  EXPECT_THAT(api.targets(), ElementsAre("/containers/0ld/json", "/containers/fresh/json"));
}

// Before choosing its ports a run reads those every unbroken container on the engine is
// configured to publish, stopped ones included (a killed service's port is free in the
// kernel until it starts again), and none of them is given to this run.
TEST(DockerRuntime, UpChoosesNoPortAnotherRunsContainerHolds) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[1] == "ps") return ok("aa\nbb\n");
    if (c.argv[1] == "inspect")
      return ok(R"([{"HostConfig":{"PortBindings":{"3100/tcp":[{"HostPort":"36511"}]}}},
                    {"HostConfig":{"PortBindings":{"9090/tcp":[{"HostPort":"35317"}]}}}])");
    return ok();
  });
  const auto file = std::filesystem::temp_directory_path() /
                    ("unbroken-up-ports-" + std::to_string(::getpid()) + ".yml");
  std::ofstream(file) << "a: ${UNBROKEN_HOST_PORT_A_1:-}\n";
  DockerRuntime runtime(runner, v1_engine());
  runtime.up(StackSpec{"20261122-101500-beef", {file}, {}});
  const auto commands = runner.commands();
  ASSERT_GE(commands.size(), 2u);
  EXPECT_THAT(commands[1].argv, ElementsAre("docker", "inspect", "aa", "bb"));
  const auto& up = commands.back();
  ASSERT_EQ(up.argv[up.argv.size() - 3], "up");
  const auto port = up.env.at("UNBROKEN_HOST_PORT_A_1");
  EXPECT_NE(port, "36511");
  EXPECT_NE(port, "35317");
  std::filesystem::remove(file);
}

TEST(DockerRuntime, EndpointIsThePortPublishedOnLoopback) {
  FakeProcessRunner runner(one_container);
  DockerRuntime runtime(runner, v1_engine());
  runtime.up(stack());
  EXPECT_EQ(runtime.endpoint("prometheus", 9090).base_url(), "http://127.0.0.1:32769");
  EXPECT_THROW(runtime.endpoint("prometheus", 8080), HarnessError);
}

TEST(DockerRuntime, AFailedDockerCommandIsAHarnessErrorWithItsMessage) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[1] == "ps") return ok("c0ffee\n");
    return testing::fail("Error response from daemon: cannot kill container");
  });
  DockerRuntime runtime(runner, v1_engine());
  try {
    runtime.kill("prometheus", "SIGKILL");
    FAIL();
  } catch (const HarnessError& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot kill container"));
  }
}

ProcessResult timed_out() {
  ProcessResult result;
  result.timed_out = true;
  return result;
}

const char* kInspectExited = R"([{"State":{"Status":"exited","Running":false,"Paused":false,
  "OOMKilled":false,"ExitCode":0},"NetworkSettings":{"Ports":{}}}])";

// A stop that timed out on a busy engine but took effect is done: the state says so.
TEST(DockerRuntime, AStopThatTimedOutButTookEffectIsJudgedByTheStateAndNotRepeated) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[1] == "ps") return ok("c0ffee\n");
    if (c.argv[1] == "inspect") return ok(kInspectExited);
    return timed_out();
  });
  DockerRuntime runtime(runner, v1_engine());
  EXPECT_NO_THROW(runtime.stop("loki", std::chrono::seconds(10)));
  EXPECT_EQ(count_of(runner, "stop"), 1u);
}

// Beside it: a start that timed out and left the container stopped is run again, and the
// second try that works is enough.
TEST(DockerRuntime, AStartThatTimedOutWithoutEffectIsRunAgain) {
  int starts = 0;
  FakeProcessRunner runner([&](const Command& c) {
    if (c.argv[1] == "ps") return ok("c0ffee\n");
    if (c.argv[1] == "inspect") return ok(kInspectExited);
    return ++starts == 1 ? timed_out() : ok();
  });
  DockerRuntime runtime(runner, v1_engine());
  EXPECT_NO_THROW(runtime.start("loki"));
  EXPECT_EQ(count_of(runner, "start"), 2u);
}

// A start that never takes effect ends in a harness error naming the last failure.
TEST(DockerRuntime, AStartThatNeverTakesEffectFailsAfterItsAttempts) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[1] == "ps") return ok("c0ffee\n");
    if (c.argv[1] == "inspect") return ok(kInspectExited);
    return testing::fail("Error response from daemon: driver failed");
  });
  DockerRuntime runtime(runner, v1_engine());
  try {
    runtime.start("loki");
    FAIL();
  } catch (const HarnessError& e) {
    EXPECT_THAT(e.what(), HasSubstr("failed 3 times, the last: exit 1: Error response from "
                                    "daemon: driver failed"));
  }
  EXPECT_EQ(count_of(runner, "start"), 3u);
}

// A signal is not idempotent (a second SIGHUP is a second reload): kill is sent once.
TEST(DockerRuntime, AKillIsNeverRepeated) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[1] == "ps") return ok("c0ffee\n");
    if (c.argv[1] == "inspect") return ok(kInspectRunning);
    return timed_out();
  });
  DockerRuntime runtime(runner, v1_engine());
  EXPECT_THROW(runtime.kill("prometheus", "SIGHUP"), HarnessError);
  EXPECT_EQ(count_of(runner, "kill"), 1u);
}

// The daemon's answer to a limit it cannot apply is a refusal a fault can act on.
TEST(DockerRuntime, ALimitTheDaemonRefusesIsALimitRefusedWithItsReason) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[1] == "ps") return ok("c0ffee\n");
    return testing::fail(
        "Error response from daemon: Cannot update container c0ffee: unable to set memory "
        "limit to 21223178 (current usage: 43454464, peak usage: 44302336)\n: unknown\n");
  });
  DockerRuntime runtime(runner, v1_engine());
  try {
    runtime.update_limits("loki", {21223178, std::nullopt});
    FAIL();
  } catch (const LimitRefused& e) {
    // The daemon's own words, on one line.
    EXPECT_STREQ(e.what(),
                 "Cannot update container c0ffee: unable to set memory limit to 21223178 (current "
                 "usage: 43454464, peak usage: 44302336) : unknown");
  }
}

// Beside it: an engine that did not answer refused nothing; that stays a harness error.
TEST(DockerRuntime, AnUpdateTheEngineNeverAnsweredIsNotARefusal) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[1] == "ps") return ok("c0ffee\n");
    ProcessResult timed_out;
    timed_out.timed_out = true;
    return timed_out;
  });
  DockerRuntime runtime(runner, v1_engine());
  try {
    runtime.update_limits("loki", {21223178, std::nullopt});
    FAIL();
  } catch (const LimitRefused&) {
    FAIL() << "a timeout is not a refusal";
  } catch (const HarnessError& e) {
    EXPECT_THAT(e.what(), HasSubstr("timed out"));
  }
}

TEST(DockerEngine, MissingEngineIsAConfigErrorThatSaysHowToStartOne) {
  FakeProcessRunner runner([](const Command&) {
    return testing::fail("Cannot connect to the Docker daemon at unix:///var/run/docker.sock");
  });
  try {
    DockerEngine::detect(runner);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no Docker engine answers"));
    EXPECT_THAT(e.what(), HasSubstr("./bootstrap"));
  }
}

TEST(DockerEngine, FallsBackToComposeV1) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[0] == "docker" && c.argv[1] == "version") return ok("20.10.24\n");
    if (c.argv[0] == "docker" && c.argv[1] == "compose") return testing::fail("unknown command");
    return ok("1.29.2\n");
  });
  const auto engine = DockerEngine::detect(runner);
  EXPECT_THAT(engine.compose_argv, ElementsAre("docker-compose"));
  EXPECT_EQ(engine.compose_version, "1.29.2");
  EXPECT_EQ(engine.name, "docker");
  EXPECT_EQ(engine.server_version, "20.10.24");
}

TEST(DockerEngine, AnEngineIsRemoteOnlyWhenItsEndpointNamesAnotherHost) {
  EXPECT_EQ(remote_engine_host("unix:///var/run/docker.sock"), "");
  EXPECT_EQ(remote_engine_host("unix:///run/user/1000/podman/podman.sock"), "");
  EXPECT_EQ(remote_engine_host("tcp://127.0.0.1:2375"), "");
  EXPECT_EQ(remote_engine_host("tcp://[::1]:2375"), "");
  EXPECT_EQ(remote_engine_host("ssh://me@localhost"), "");
  EXPECT_EQ(remote_engine_host("tcp://build-box.internal:2376"), "build-box.internal");
  EXPECT_EQ(remote_engine_host("ssh://me@10.0.0.7:22"), "10.0.0.7");
  EXPECT_EQ(remote_engine_host("tcp://[fd00::7]:2375"), "fd00::7");
}

// A remote engine would publish the stack's ports on its own loopback: refused up front,
// before the engine is asked anything else.
TEST(DockerEngine, AnEngineOnAnotherMachineIsAConfigErrorNamingIt) {
  ::setenv("DOCKER_HOST", "tcp://build-box.internal:2376", 1);
  FakeProcessRunner runner;
  try {
    DockerEngine::detect(runner);
    ::unsetenv("DOCKER_HOST");
    FAIL() << "a remote engine must be refused";
  } catch (const ConfigError& e) {
    ::unsetenv("DOCKER_HOST");
    EXPECT_THAT(e.what(), HasSubstr("tcp://build-box.internal:2376 is on another machine"));
    EXPECT_TRUE(runner.commands().empty());
  }
}

// Beside it: DOCKER_HOST naming a local socket is used as it is.
TEST(DockerEngine, ALocalDockerHostIsTheEnginesEndpoint) {
  ::setenv("DOCKER_HOST", "unix:///run/podman/podman.sock", 1);
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[1] == "version") return ok("4.3.1|Podman Engine;\n");
    return ok("2.30.0\n");
  });
  const auto engine = DockerEngine::detect(runner);
  ::unsetenv("DOCKER_HOST");
  EXPECT_EQ(engine.endpoint, "unix:///run/podman/podman.sock");
}

// Podman serving the Docker API names itself among the server's components.
TEST(DockerEngine, PodmanIsToldApartByItsServerComponents) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[0] == "docker" && c.argv[1] == "version") {
      return ok("4.3.1|Podman Engine;Conmon;OCI Runtime (crun);\n");
    }
    return ok("2.30.0\n");
  });
  const auto engine = DockerEngine::detect(runner);
  EXPECT_EQ(engine.name, "podman");
  EXPECT_EQ(engine.server_version, "4.3.1");
}

// Beside it: Docker's own components say nothing of Podman.
TEST(DockerEngine, DockersComponentsAreDocker) {
  FakeProcessRunner runner([](const Command& c) {
    if (c.argv[0] == "docker" && c.argv[1] == "version") {
      return ok("20.10.24+dfsg1|Engine;containerd;runc;docker-init;\n");
    }
    return ok("2.30.0\n");
  });
  const auto engine = DockerEngine::detect(runner);
  EXPECT_EQ(engine.name, "docker");
  EXPECT_EQ(engine.server_version, "20.10.24+dfsg1");
}

}  // namespace
}  // namespace unbroken

namespace unbroken {
namespace {

using testing::FakeProcessRunner;
using ::testing::HasSubstr;

std::size_t ups_in(const std::vector<Command>& commands) {
  std::size_t ups = 0;
  for (const auto& c : commands)
    if (std::find(c.argv.begin(), c.argv.end(), "up") != c.argv.end()) ++ups;
  return ups;
}

// A suite's neighbour can take a host port between choosing it and binding it: the stack
// is removed and started again.
TEST(DockerRuntimeUp, AHostPortTakenMeanwhileStartsTheStackAgain) {
  int ups = 0;
  FakeProcessRunner runner([&ups](const Command& c) {
    if (std::find(c.argv.begin(), c.argv.end(), "up") != c.argv.end() && ++ups == 1)
      return testing::fail("Bind for 127.0.0.1:43067 failed: port is already allocated");
    return testing::ok();
  });
  DockerRuntime runtime(runner, DockerEngine{"20.10.24", {"docker-compose"}, "1.29.2"});
  runtime.up(StackSpec{"20261122-101500-beef", {"/stack/stack.yml"}, {}});
  const auto commands = runner.commands();
  EXPECT_EQ(ups_in(commands), 2u);
  bool removed_between = false;
  for (const auto& c : commands)
    if (std::find(c.argv.begin(), c.argv.end(), "down") != c.argv.end()) removed_between = true;
  EXPECT_TRUE(removed_between);
}

TEST(DockerRuntimeUp, AnyOtherFailureOfUpIsAHarnessErrorAtOnce) {
  FakeProcessRunner runner([](const Command& c) {
    if (std::find(c.argv.begin(), c.argv.end(), "up") != c.argv.end())
      return testing::fail("no space left on device");
    return testing::ok();
  });
  DockerRuntime runtime(runner, DockerEngine{"20.10.24", {"docker-compose"}, "1.29.2"});
  try {
    runtime.up(StackSpec{"20261122-101500-beef", {"/stack/stack.yml"}, {}});
    FAIL() << "up succeeded";
  } catch (const HarnessError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no space left on device"));
  }
  EXPECT_EQ(ups_in(runner.commands()), 1u);
}

// An official image that is not here and cannot be pulled (no registry on this network) is
// the user's setup to mend: a configuration error naming the image, not a harness error.
TEST(DockerRuntimeUp, AnImageThatCannotBePulledIsAConfigurationError) {
  FakeProcessRunner runner([](const Command& c) {
    if (std::find(c.argv.begin(), c.argv.end(), "up") != c.argv.end())
      return testing::fail(
          "Pulling prometheus (prom/prometheus:v3.5.0)...\nGet \"https://registry-1.docker.io/"
          "v2/\": dial tcp: lookup registry-1.docker.io: no such host");
    return testing::ok();
  });
  DockerRuntime runtime(runner, DockerEngine{"20.10.24", {"docker-compose"}, "1.29.2"});
  try {
    runtime.up(StackSpec{"20261122-101500-beef", {"/stack/stack.yml"}, {}});
    FAIL() << "up succeeded";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("could not be pulled"));
    EXPECT_THAT(e.what(), HasSubstr("prom/prometheus:v3.5.0"));
  }
  EXPECT_EQ(ups_in(runner.commands()), 1u);
}

// A compose that does not answer in time on a loaded machine is not a missing one.
TEST(DockerEngine, AComposeThatKeepsTimingOutIsNotReportedAsMissing) {
  int probes = 0;
  FakeProcessRunner runner([&probes](const Command& c) {
    if (c.argv[0] == "docker" && c.argv[1] == "version") return testing::ok("20.10.24\n");
    if (c.argv[0] != "docker-compose") return testing::fail("unknown command");
    ++probes;
    return ProcessResult{-1, "", "", true};
  });
  try {
    DockerEngine::detect(runner);
    FAIL() << "detected";
  } catch (const NotReadyError& e) {
    EXPECT_THAT(e.what(), HasSubstr("did not answer in 3 tries"));
  }
  EXPECT_EQ(probes, 3);
}

TEST(DockerEngine, AComposeThatAnswersOnItsSecondTryIsUsed) {
  int probes = 0;
  FakeProcessRunner runner([&probes](const Command& c) {
    if (c.argv[0] == "docker" && c.argv[1] == "version") return testing::ok("20.10.24\n");
    if (c.argv[0] != "docker-compose") return testing::fail("unknown command");
    return ++probes == 1 ? ProcessResult{-1, "", "", true} : testing::ok("1.29.2\n");
  });
  EXPECT_EQ(DockerEngine::detect(runner).compose_version, "1.29.2");
}

}  // namespace
}  // namespace unbroken
