// HttpTransport over cpp-httplib (plain HTTP: the stack is only reached on 127.0.0.1),
// keeping one keep-alive connection per calling thread and base URL. Every exchange is
// bounded: the whole response must arrive within the call's timeout (not only each read:
// a body that trickles forever is cut at the deadline), and no body larger than
// kMaxResponseBytes is read (decompressed size); either is a TransportError naming the
// request.
#pragma once

#include <cstddef>

#include "harness/backends/http_transport.h"

namespace unbroken {

// No backend answer the harness reads comes near this: a Loki page of 5,000 lines is ~2 MiB.
inline constexpr std::size_t kMaxResponseBytes = std::size_t{32} << 20;

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
