#include "harness/backends/httplib_transport.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>

namespace unbroken {

namespace {

// One keep-alive connection per calling thread and base URL: a load driver's worker or a
// check's fetch thread reuses its connection instead of opening one per request.
httplib::Client& client_for(const std::string& base_url) {
  thread_local std::map<std::string, std::unique_ptr<httplib::Client>> clients;
  auto& client = clients[base_url];
  if (!client) {
    client = std::make_unique<httplib::Client>(base_url);
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);  // small keep-alive requests must not wait on delayed ACKs
  }
  return *client;
}

// Throws the TransportError for a request that got no response.
[[noreturn]] void throw_transport_error(const std::string& what, httplib::Error error) {
  const bool never_connected =
      error == httplib::Error::Connection || error == httplib::Error::ConnectionTimeout;
  throw TransportError(fmt::format("{}: {}", what, httplib::to_string(error)), !never_connected);
}

// "GET http://127.0.0.1:9090/api/v1/query (query=up, time=…)", for messages.
std::string describe(const std::string& method, const std::string& base_url,
                     const std::string& path, const QueryParams& params) {
  std::vector<std::string> pairs;
  for (const auto& [key, value] : params) pairs.push_back(fmt::format("{}={:.200}", key, value));
  return fmt::format("{} {}{}{}", method, base_url, path,
                     pairs.empty() ? "" : fmt::format(" ({})", fmt::join(pairs, ", ")));
}

// One request under the transport's bounds: the whole response within `timeout` and its
// body no larger than kMaxResponseBytes (decompressed). Throws TransportError otherwise.
HttpResponse exchange(httplib::Request request, const std::string& base_url, Millis timeout,
                      const std::string& what) {
  auto& client = client_for(base_url);
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string body;
  std::string cut;  // why the body was cut short
  request.content_receiver = [&](const char* data, std::size_t length, std::uint64_t,
                                 std::uint64_t total) {
    if (total > kMaxResponseBytes || body.size() + length > kMaxResponseBytes) {
      cut = fmt::format(
          "the response is larger than {} MiB (kMaxResponseBytes); no more of it "
          "was read",
          kMaxResponseBytes >> 20);
      return false;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      cut = fmt::format(
          "the response was still arriving after {} ms ({} bytes); it was cut "
          "there",
          timeout.count(), body.size());
      return false;
    }
    if (body.size() + length > body.capacity()) {  // grow, but never past the cap
      body.reserve(
          std::min(kMaxResponseBytes, std::max(2 * body.capacity(), body.size() + length)));
    }
    body.append(data, length);
    return true;
  };
  httplib::Response response;
  httplib::Error error = httplib::Error::Success;
  if (!client.send(request, response, error)) {
    if (!cut.empty()) {
      client.stop();  // the connection still carries the rest of the response
      throw TransportError(fmt::format("{}: {}", what, cut), true);
    }
    throw_transport_error(what, error);
  }
  return {response.status, std::move(body)};
}

}  // namespace

HttpResponse HttplibTransport::get(const std::string& base_url, const std::string& path,
                                   const QueryParams& params, const RequestHeaders& headers,
                                   Millis timeout) {
  httplib::Request request;
  request.method = "GET";
  request.path = params.empty() ? path
                                : httplib::append_query_params(
                                      path, httplib::Params(params.begin(), params.end()));
  request.headers = httplib::Headers(headers.begin(), headers.end());
  return exchange(std::move(request), base_url, timeout, describe("GET", base_url, path, params));
}

HttpResponse HttplibTransport::send(const std::string& method, const std::string& base_url,
                                    const std::string& path, const std::string& body,
                                    const RequestHeaders& headers, Millis timeout) {
  if (method != "POST" && method != "PUT" && method != "PATCH" && method != "DELETE") {
    throw std::invalid_argument("HttplibTransport::send: unsupported method " + method);
  }
  httplib::Request request;
  request.method = method;
  request.path = path;
  request.headers = httplib::Headers(headers.begin(), headers.end());
  if (!request.has_header("Content-Type"))
    request.headers.emplace("Content-Type", "application/json");
  request.body = body;
  return exchange(std::move(request), base_url, timeout, describe(method, base_url, path, {}));
}

}  // namespace unbroken
