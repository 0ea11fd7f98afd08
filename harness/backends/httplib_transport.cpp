#include "harness/backends/httplib_transport.h"

#include <fmt/format.h>
#include <httplib.h>

namespace unbroken {

HttpResponse HttplibTransport::get(const std::string& base_url, const std::string& path,
                                   const QueryParams& params, const RequestHeaders& headers,
                                   Millis timeout) {
  httplib::Client client(base_url);
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  const httplib::Params query(params.begin(), params.end());
  const auto result = client.Get(path, query, httplib::Headers(headers.begin(), headers.end()));
  if (!result) {
    const auto error = result.error();
    const bool never_connected =
        error == httplib::Error::Connection || error == httplib::Error::ConnectionTimeout;
    throw TransportError(fmt::format("GET {}{}: {}", base_url, path, httplib::to_string(error)),
                         !never_connected);
  }
  return {result->status, result->body};
}

}  // namespace unbroken
