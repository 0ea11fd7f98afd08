#include "harness/backends/httplib_transport.h"

#include <fmt/format.h>
#include <httplib.h>

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

httplib::Client& client_with_timeout(const std::string& base_url, Millis timeout) {
  auto& client = client_for(base_url);
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  return client;
}

}  // namespace

HttpResponse HttplibTransport::get(const std::string& base_url, const std::string& path,
                                   const QueryParams& params, const RequestHeaders& headers,
                                   Millis timeout) {
  auto& client = client_with_timeout(base_url, timeout);
  const httplib::Params query(params.begin(), params.end());
  const auto result = client.Get(path, query, httplib::Headers(headers.begin(), headers.end()));
  if (!result) throw_transport_error(fmt::format("GET {}{}", base_url, path), result.error());
  return {result->status, result->body};
}

HttpResponse HttplibTransport::send(const std::string& method, const std::string& base_url,
                                    const std::string& path, const std::string& body,
                                    const RequestHeaders& headers, Millis timeout) {
  auto& client = client_with_timeout(base_url, timeout);
  const httplib::Headers h(headers.begin(), headers.end());
  const char* type = "application/json";
  httplib::Result result{nullptr, httplib::Error::Unknown};
  if (method == "POST") {
    result = client.Post(path, h, body, type);
  } else if (method == "PUT") {
    result = client.Put(path, h, body, type);
  } else if (method == "PATCH") {
    result = client.Patch(path, h, body, type);
  } else if (method == "DELETE") {
    result = client.Delete(path, h, body, type);
  } else {
    throw std::invalid_argument("HttplibTransport::send: unsupported method " + method);
  }
  if (!result)
    throw_transport_error(fmt::format("{} {}{}", method, base_url, path), result.error());
  return {result->status, result->body};
}

}  // namespace unbroken
