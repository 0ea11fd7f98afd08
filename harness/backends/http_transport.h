// HttpTransport: the one seam between backend clients and the network. Clients build
// requests; transports carry them. Tests use tests/fakes/fake_http_transport.h.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

#include "harness/core/time.h"

namespace unbroken {

using QueryParams = std::multimap<std::string, std::string>;
using RequestHeaders = std::multimap<std::string, std::string>;

struct HttpResponse {
  int status = 0;
  std::string body;
};

// The request did not get an HTTP response at all (refused, reset, timed out).
// `maybe_delivered` is false only when the server certainly never saw the request (the
// connection was never established).
class TransportError : public std::runtime_error {
 public:
  TransportError(const std::string& what, bool maybe_delivered)
      : std::runtime_error(what), maybe_delivered_(maybe_delivered) {}
  bool maybe_delivered() const { return maybe_delivered_; }

 private:
  bool maybe_delivered_;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // GET base_url + path with URL-encoded `params` and `headers`. Returns any HTTP status;
  // throws TransportError when no response arrived within `timeout`. Thread-safe.
  virtual HttpResponse get(const std::string& base_url, const std::string& path,
                           const QueryParams& params, const RequestHeaders& headers,
                           Millis timeout) = 0;
  HttpResponse get(const std::string& base_url, const std::string& path, const QueryParams& params,
                   Millis timeout) {
    return get(base_url, path, params, RequestHeaders{}, timeout);
  }
  // `method` ("POST", "PUT", "PATCH", "DELETE") base_url + path with a JSON `body` (may be
  // empty) and `headers`. Same status and error contract as get().
  virtual HttpResponse send(const std::string& method, const std::string& base_url,
                            const std::string& path, const std::string& body,
                            const RequestHeaders& headers, Millis timeout) = 0;
  HttpResponse send(const std::string& method, const std::string& base_url, const std::string& path,
                    const std::string& body, Millis timeout) {
    return send(method, base_url, path, body, RequestHeaders{}, timeout);
  }
};

}  // namespace unbroken
