#include "harness/backends/fault_proxy_client.h"

#include <fmt/format.h>

#include "harness/backends/backend_error.h"

namespace unbroken {
namespace {

constexpr Millis kFaultProxyTimeout{5'000};

}  // namespace

nlohmann::json FaultProxyClient::expect(const HttpResponse& response, int status,
                                        const std::string& what) {
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (response.status != status) {
    const auto reason = body.is_object() && body.contains("error")
                            ? body["error"].get<std::string>()
                            : response.body.substr(0, 200);
    throw BackendError(
        fmt::format("fault proxy: {} answered {} ({})", what, response.status, reason));
  }
  if (status != 204 && body.is_discarded()) {
    throw BackendError(fmt::format("fault proxy: {} answered with a body that is not JSON", what));
  }
  return body;
}

void FaultProxyClient::add_toxic(const std::string& proxy, const nlohmann::json& toxic) {
  const auto path = fmt::format("/proxies/{}/toxics", proxy);
  expect(http_.send("POST", base_url_, path, toxic.dump(), kFaultProxyTimeout), 200,
         "POST " + path);
}

void FaultProxyClient::remove_toxic(const std::string& proxy, const std::string& name) {
  const auto path = fmt::format("/proxies/{}/toxics/{}", proxy, name);
  expect(http_.send("DELETE", base_url_, path, "", kFaultProxyTimeout), 204, "DELETE " + path);
}

std::vector<nlohmann::json> FaultProxyClient::toxics(const std::string& proxy) {
  const auto path = fmt::format("/proxies/{}/toxics", proxy);
  const auto body = expect(http_.get(base_url_, path, {}, kFaultProxyTimeout), 200, "GET " + path);
  if (!body.is_array()) throw BackendError("fault proxy: GET " + path + " is not a list");
  return {body.begin(), body.end()};
}

void FaultProxyClient::set_enabled(const std::string& proxy, bool enabled) {
  const auto path = fmt::format("/proxies/{}", proxy);
  expect(http_.send("POST", base_url_, path, nlohmann::json{{"enabled", enabled}}.dump(),
                    kFaultProxyTimeout),
         200, "POST " + path);
}

bool FaultProxyClient::enabled(const std::string& proxy) {
  const auto path = fmt::format("/proxies/{}", proxy);
  const auto body = expect(http_.get(base_url_, path, {}, kFaultProxyTimeout), 200, "GET " + path);
  return body.value("enabled", false);
}

}  // namespace unbroken
