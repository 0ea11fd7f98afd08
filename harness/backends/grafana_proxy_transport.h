// GrafanaProxyTransport: reaches a data source through Grafana's data source proxy
// (`/api/datasources/proxy/uid/<uid>/...`) with Grafana's credentials, so the typed
// clients (PrometheusClient, LokiClient, JaegerClient) given Grafana's base URL ask the data
// source *through Grafana* — what a dashboard panel does.
#pragma once

#include <string>

#include "harness/backends/http_transport.h"

namespace unbroken {

class GrafanaProxyTransport final : public HttpTransport {
 public:
  GrafanaProxyTransport(HttpTransport& inner, std::string datasource_uid, RequestHeaders auth)
      : inner_(inner),
        prefix_("/api/datasources/proxy/uid/" + datasource_uid),
        auth_(std::move(auth)) {}

  using HttpTransport::get;
  HttpResponse get(const std::string& base_url, const std::string& path, const QueryParams& params,
                   const RequestHeaders& headers, Millis timeout) override {
    return inner_.get(base_url, prefix_ + path, params, with_auth(headers), timeout);
  }
  using HttpTransport::send;
  HttpResponse send(const std::string& method, const std::string& base_url, const std::string& path,
                    const std::string& body, const RequestHeaders& headers,
                    Millis timeout) override {
    return inner_.send(method, base_url, prefix_ + path, body, with_auth(headers), timeout);
  }

 private:
  RequestHeaders with_auth(RequestHeaders headers) const {
    headers.insert(auth_.begin(), auth_.end());
    return headers;
  }

  HttpTransport& inner_;
  std::string prefix_;
  RequestHeaders auth_;
};

}  // namespace unbroken
