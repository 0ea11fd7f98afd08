// HttpTransport over cpp-httplib (plain HTTP: the stack is only reached on 127.0.0.1),
// keeping one keep-alive connection per calling thread and base URL.
#pragma once

#include "harness/backends/http_transport.h"

namespace unbroken {

class HttplibTransport final : public HttpTransport {
 public:
  using HttpTransport::get;
  HttpResponse get(const std::string& base_url, const std::string& path, const QueryParams& params,
                   const RequestHeaders& headers, Millis timeout) override;
  using HttpTransport::send;
  HttpResponse send(const std::string& method, const std::string& base_url, const std::string& path,
                    const std::string& body, const RequestHeaders& headers,
                    Millis timeout) override;
};

}  // namespace unbroken
