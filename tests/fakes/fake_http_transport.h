// FakeHttpTransport: answers requests from a handler the test sets and records each request.
#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "harness/backends/http_transport.h"

namespace unbroken::testing {

struct RecordedRequest {
  std::string base_url;
  std::string path;
  QueryParams params;
  RequestHeaders headers;
  std::string method = "GET";
  std::string body;
};

class FakeHttpTransport final : public HttpTransport {
 public:
  using Handler = std::function<HttpResponse(const RecordedRequest&)>;
  explicit FakeHttpTransport(Handler handler) : handler_(std::move(handler)) {}

  using HttpTransport::get;
  HttpResponse get(const std::string& base_url, const std::string& path, const QueryParams& params,
                   const RequestHeaders& headers, Millis) override {
    return answer({base_url, path, params, headers, "GET", ""});
  }
  using HttpTransport::send;
  HttpResponse send(const std::string& method, const std::string& base_url, const std::string& path,
                    const std::string& body, const RequestHeaders& headers, Millis) override {
    return answer({base_url, path, {}, headers, method, body});
  }
  std::vector<RecordedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  HttpResponse answer(RecordedRequest request) {
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    return handler_(request);
  }

  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
};

}  // namespace unbroken::testing
