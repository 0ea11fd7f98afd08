// FaultProxyClient: the control API of the fault proxy (unbroken-faultproxy, Toxiproxy's
// API shape): add and remove toxics on a named proxy, take a proxy down and up, read the
// toxics back. Throws BackendError when the proxy refuses (with its error message) and
// TransportError when it does not answer.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/backends/http_transport.h"

namespace unbroken {

class FaultProxyClient {
 public:
  FaultProxyClient(HttpTransport& http, std::string base_url)
      : http_(http), base_url_(std::move(base_url)) {}

  // `toxic` as the API takes it: {"name", "type", "stream", "toxicity", "attributes"}.
  void add_toxic(const std::string& proxy, const nlohmann::json& toxic);
  void remove_toxic(const std::string& proxy, const std::string& name);
  std::vector<nlohmann::json> toxics(const std::string& proxy);
  void set_enabled(const std::string& proxy, bool enabled);
  bool enabled(const std::string& proxy);

 private:
  nlohmann::json expect(const HttpResponse& response, int status, const std::string& what);

  HttpTransport& http_;
  std::string base_url_;
};

}  // namespace unbroken
