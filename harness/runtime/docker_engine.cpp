#include "harness/runtime/docker_engine.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "harness/core/errors.h"
#include "harness/runtime/engine_api.h"

namespace unbroken {
namespace {

constexpr Millis kProbeTimeout{20'000};

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

  const auto v2 = runner.run({{"docker", "compose", "version", "--short"}, {}, kProbeTimeout});
  if (v2.ok()) {
    engine.compose_argv = {"docker", "compose"};
    engine.compose_version = first_line(v2.out);
  } else {
    const auto v1 = runner.run({{"docker-compose", "version", "--short"}, {}, kProbeTimeout});
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
