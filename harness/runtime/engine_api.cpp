#include "harness/runtime/engine_api.h"

#include <fmt/format.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <stdexcept>

#include "harness/core/errors.h"

namespace unbroken {
namespace {

constexpr std::string_view kUnixScheme = "unix://";
constexpr Millis kContextTimeout{10'000};

std::int64_t number_at(const nlohmann::json& object, const char* key, const char* where) {
  if (!object.is_object()) throw std::invalid_argument(fmt::format("'{}' is not an object", where));
  const auto found = object.find(key);
  if (found == object.end()) return 0;  // the engine leaves out counters that are zero
  if (!found->is_number()) {
    throw std::invalid_argument(fmt::format("'{}.{}' is not a number", where, key));
  }
  return found->get<std::int64_t>();
}

}  // namespace

ResourceCounters parse_container_stats(const nlohmann::json& stats) {
  if (!stats.is_object() || !stats.contains("cpu_stats") || !stats.contains("memory_stats")) {
    throw std::invalid_argument("the answer has no 'cpu_stats' and 'memory_stats'");
  }
  ResourceCounters counters;
  const auto& cpu = stats["cpu_stats"];
  const auto throttling =
      cpu.is_object() ? cpu.value("throttling_data", nlohmann::json::object()) : nlohmann::json();
  counters.cpu_periods = number_at(throttling, "periods", "cpu_stats.throttling_data");
  counters.cpu_throttled_periods =
      number_at(throttling, "throttled_periods", "cpu_stats.throttling_data");
  const auto& memory = stats["memory_stats"];
  counters.memory_usage = number_at(memory, "usage", "memory_stats");
  counters.memory_limit = number_at(memory, "limit", "memory_stats");
  counters.memory_limit_hits = number_at(memory, "failcnt", "memory_stats");
  return counters;
}

EngineApi::EngineApi(std::string host) : host_(std::move(host)) {}

std::string EngineApi::default_host(ProcessRunner& runner) {
  if (const char* env = std::getenv("DOCKER_HOST"); env != nullptr && *env != '\0') return env;
  const auto context =
      runner.run({{"docker", "context", "inspect", "--format", "{{.Endpoints.docker.Host}}"},
                  {},
                  kContextTimeout});
  const auto lines = output_lines(context.out);
  if (context.ok() && !lines.empty()) return lines.front();
  return "unix:///var/run/docker.sock";
}

bool EngineApi::reachable() const {
  return host_.rfind(kUnixScheme, 0) == 0;
}

nlohmann::json EngineApi::get(const std::string& target, Millis timeout) const {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  namespace http = beast::http;
  if (!reachable()) {
    throw HarnessError(fmt::format(
        "the engine at {} is not reached through a unix socket; its API is not read", host_));
  }
  const auto socket_path = host_.substr(kUnixScheme.size());
  asio::io_context io;
  beast::basic_stream<asio::local::stream_protocol> stream(io);
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, "localhost");
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  beast::error_code failure;
  bool done = false;
  stream.expires_after(timeout);
  const auto on_read = [&](beast::error_code read, std::size_t) {
    failure = read;
    done = !read;
  };
  const auto on_written = [&](beast::error_code written, std::size_t) {
    if (written) {
      failure = written;
      return;
    }
    http::async_read(stream, buffer, response, on_read);
  };
  const auto on_connected = [&](beast::error_code connected) {
    if (connected) {
      failure = connected;
      return;
    }
    http::async_write(stream, request, on_written);
  };
  stream.async_connect(asio::local::stream_protocol::endpoint(socket_path), on_connected);
  io.run();
  const auto what = fmt::format("GET {} from the engine at {}", target, host_);
  if (!done) throw HarnessError(fmt::format("{}: {}", what, failure.message()));
  if (response.result_int() == 404) {
    throw EngineObjectMissing(fmt::format("{}: status 404: {}", what, response.body()));
  }
  if (response.result_int() != 200) {
    throw HarnessError(
        fmt::format("{}: status {}: {}", what, response.result_int(), response.body()));
  }
  auto body = nlohmann::json::parse(response.body(), nullptr, false);
  if (body.is_discarded()) throw HarnessError(fmt::format("{}: the answer is not JSON", what));
  return body;
}

ResourceCounters EngineApi::counters(const std::string& container_id, Millis timeout) const {
  ResourceCounters counters;
  try {
    counters = parse_container_stats(
        get(fmt::format("/containers/{}/stats?stream=false&one-shot=true", container_id), timeout));
  } catch (const HarnessError& e) {
    counters.unavailable = e.what();
  } catch (const std::invalid_argument& e) {
    counters.unavailable = fmt::format("the engine's stats of {}: {}", container_id, e.what());
  }
  return counters;
}

}  // namespace unbroken
