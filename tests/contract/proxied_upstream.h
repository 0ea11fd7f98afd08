// An HTTP upstream on 127.0.0.1 with the real unbroken-faultproxy in front of it as proxy
// "web", both served on their own threads for one test: what the fault proxy contract
// tests measure through. The upstream answers like Go's net/http servers (Loki, Jaeger):
// TCP_NODELAY, and any number of requests on one connection.
#pragma once

#include <fmt/format.h>
#include <httplib.h>

#include <functional>
#include <string>
#include <thread>

#include "fixtures/faultproxy/fault_proxy.h"
#include "harness/backends/fault_proxy_client.h"
#include "harness/backends/httplib_transport.h"
#include "tests/support/free_port.h"

namespace unbroken::testing {

class ProxiedUpstream {
 public:
  // `routes` installs the upstream's handlers.
  explicit ProxiedUpstream(const std::function<void(httplib::Server&)>& routes) {
    routes(upstream_);
    upstream_.set_tcp_nodelay(true);
    upstream_.set_keep_alive_max_count(10'000);
    const int upstream_port = upstream_.bind_to_any_port("127.0.0.1");
    upstream_thread_ = std::thread([this] { upstream_.listen_after_bind(); });
    listen_port_ = free_port();
    proxy_.create({"web", fmt::format("127.0.0.1:{}", listen_port_),
                   fmt::format("127.0.0.1:{}", upstream_port), true});
    api_port_ = proxy_.bind_any_port("127.0.0.1");
    api_url_ = fmt::format("http://127.0.0.1:{}", api_port_);
    api_thread_ = std::thread([this] { proxy_.serve(); });
    while (!upstream_.is_running()) std::this_thread::yield();
    while (!httplib::Client(api_url_).Get("/version")) std::this_thread::yield();
  }
  ~ProxiedUpstream() {
    stop_api();
    upstream_.stop();
    upstream_thread_.join();
  }
  ProxiedUpstream(const ProxiedUpstream&) = delete;
  ProxiedUpstream& operator=(const ProxiedUpstream&) = delete;

  // The proxy's listening port: connections here reach the upstream through it.
  int listen_port() const { return listen_port_; }
  const std::string& api_url() const { return api_url_; }
  int api_port() const { return api_port_; }
  // Stops the control API and waits until it has stopped serving.
  void stop_api() {
    proxy_.stop();
    if (api_thread_.joinable()) api_thread_.join();
  }
  FaultProxyClient client() { return FaultProxyClient(http_, api_url_); }

 private:
  httplib::Server upstream_;
  std::thread upstream_thread_;
  faultproxy::FaultProxy proxy_{42};
  std::thread api_thread_;
  int listen_port_ = 0;
  int api_port_ = 0;
  std::string api_url_;
  HttplibTransport http_;
};

}  // namespace unbroken::testing
