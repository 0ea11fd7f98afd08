#include "harness/runtime/docker_engine.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "harness/core/errors.h"
#include "harness/runtime/engine_api.h"

namespace unbroken {
namespace {

constexpr Millis kProbeTimeout{20'000};
constexpr int kProbeTries = 3;

// A version probe, tried again when it timed out: on a loaded machine (a suite's runs all
// starting at once) a compose written in Python can take that long just to start.
ProcessResult probe(ProcessRunner& runner, std::vector<std::string> argv) {
  ProcessResult result;
  for (int attempt = 1; attempt <= kProbeTries; ++attempt) {
    result = runner.run({argv, {}, kProbeTimeout});
    if (!result.timed_out) break;
    spdlog::warn("{} timed out after {} s (try {} of {})", fmt::join(argv, " "),
                 kProbeTimeout.count() / 1000, attempt, kProbeTries);
  }
  return result;
}

std::string first_line(const std::string& text) {
  const auto end = text.find('\n');
  return text.substr(0, end);
}

}  // namespace

std::string remote_engine_host(const std::string& endpoint) {
  const auto scheme_end = endpoint.find("://");
  if (scheme_end == std::string::npos) return "";
  const auto scheme = endpoint.substr(0, scheme_end);
  if (scheme != "tcp" && scheme != "ssh" && scheme != "http" && scheme != "https") return "";
  auto authority = endpoint.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find('/'));
  if (const auto at = authority.rfind('@'); at != std::string::npos) {
    authority = authority.substr(at + 1);
  }
  std::string host;
  if (!authority.empty() && authority.front() == '[') {
    host = authority.substr(1, authority.find(']') - 1);
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  return host == "localhost" || host == "127.0.0.1" || host == "::1" ? "" : host;
}

DockerEngine DockerEngine::detect(ProcessRunner& runner) {
  DockerEngine engine;
  engine.endpoint = EngineApi::default_host(runner);
  if (const auto remote = remote_engine_host(engine.endpoint); !remote.empty()) {
    throw ConfigError(fmt::format(
        "the Docker engine at {} is on another machine ({}): the stack's ports are published "
        "on that machine's 127.0.0.1, which unbroken cannot reach from here; run unbroken on "
        "the engine's host",
        engine.endpoint, remote));
  }
  // Podman's Docker-compatible API names itself among the server's components.
  const auto info =
      runner.run({{"docker", "version", "--format",
                   "{{.Server.Version}}|{{range .Server.Components}}{{.Name}};{{end}}"},
                  {},
                  kProbeTimeout});
  if (!info.ok() || info.out.empty()) {
    throw ConfigError(fmt::format(
        "no Docker engine answers ({}); start one with ./bootstrap, or `dockerd &` as root",
        info.timed_out ? "docker version timed out" : first_line(info.err)));
  }
  const auto answer = first_line(info.out);
  const auto bar = answer.find('|');
  engine.server_version = answer.substr(0, bar);
  if (bar != std::string::npos && answer.find("Podman", bar) != std::string::npos) {
    engine.name = "podman";
  }

  const auto v2 = probe(runner, {"docker", "compose", "version", "--short"});
  if (v2.ok()) {
    engine.compose_argv = {"docker", "compose"};
    engine.compose_version = first_line(v2.out);
  } else {
    const auto v1 = probe(runner, {"docker-compose", "version", "--short"});
    if (v1.timed_out || v2.timed_out) {
      throw NotReadyError(fmt::format(
          "`docker-compose version` did not answer in {} tries of {} s: this machine is too "
          "loaded to run a stack now",
          kProbeTries, kProbeTimeout.count() / 1000));
    }
    if (!v1.ok()) {
      throw ConfigError(
          "neither `docker compose` (v2) nor `docker-compose` (v1) works; run ./bootstrap");
    }
    engine.compose_argv = {"docker-compose"};
    engine.compose_version = first_line(v1.out);
  }
  spdlog::info("{} engine {} at {}, compose {} ({})", engine.name, engine.server_version,
               engine.endpoint, engine.compose_version,
               fmt::format("{}", engine.compose_argv.size() == 2 ? "v2 plugin" : "v1"));
  return engine;
}

}  // namespace unbroken
