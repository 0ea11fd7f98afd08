// FakeHttpTransport: answers GETs from a handler the test sets and records each request.
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
};

class FakeHttpTransport final : public HttpTransport {
 public:
  using Handler = std::function<HttpResponse(const RecordedRequest&)>;
  explicit FakeHttpTransport(Handler handler) : handler_(std::move(handler)) {}

  using HttpTransport::get;
  HttpResponse get(const std::string& base_url, const std::string& path, const QueryParams& params,
                   const RequestHeaders& headers, Millis) override {
    RecordedRequest request{base_url, path, params, headers};
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    return handler_(request);
  }
  std::vector<RecordedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
};

}  // namespace unbroken::testing
