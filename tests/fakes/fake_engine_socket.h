// FakeEngineSocket: an HTTP server on a unix socket of its own, standing in for a container
// engine's API (EngineApi reads /var/run/docker.sock the same way). Each request's target
// is recorded and answered from a handler the test sets: (status, JSON body). One request
// per connection, as EngineApi makes them. Stops and removes its socket when destroyed.
#pragma once

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace unbroken::testing {

class FakeEngineSocket {
 public:
  using Handler = std::function<std::pair<int, std::string>(const std::string& target)>;

  explicit FakeEngineSocket(Handler handler)
      : handler_(std::move(handler)),
        path_(std::filesystem::temp_directory_path() /
              ("unbroken-fake-engine-" + std::to_string(::getpid()) + "-" +
               std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".sock")),
        acceptor_(io_) {
    std::filesystem::remove(path_);
    const boost::asio::local::stream_protocol::endpoint endpoint(path_.string());
    acceptor_.open(endpoint.protocol());
    acceptor_.bind(endpoint);
    acceptor_.listen();
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~FakeEngineSocket() {
    io_.stop();
    thread_.join();
    std::filesystem::remove(path_);
  }
  FakeEngineSocket(const FakeEngineSocket&) = delete;
  FakeEngineSocket& operator=(const FakeEngineSocket&) = delete;

  // As DOCKER_HOST spells it.
  std::string host() const { return "unix://" + path_.string(); }
  std::vector<std::string> targets() const {
    std::lock_guard lock(mutex_);
    return targets_;
  }

 private:
  using Socket = boost::asio::local::stream_protocol::socket;
  struct Exchange {
    explicit Exchange(Socket s) : socket(std::move(s)) {}
    Socket socket;
    boost::beast::flat_buffer buffer;
    boost::beast::http::request<boost::beast::http::empty_body> request;
    boost::beast::http::response<boost::beast::http::string_body> response;
  };

  void accept() {
    acceptor_.async_accept([this](boost::system::error_code error, Socket socket) {
      if (error) return;
      serve(std::make_shared<Exchange>(std::move(socket)));
      accept();
    });
  }

  void serve(const std::shared_ptr<Exchange>& exchange) {
    namespace http = boost::beast::http;
    http::async_read(exchange->socket, exchange->buffer, exchange->request,
                     [this, exchange](boost::system::error_code error, std::size_t) {
                       if (error) return;
                       const std::string target(exchange->request.target());
                       {
                         std::lock_guard lock(mutex_);
                         targets_.push_back(target);
                       }
                       const auto [status, body] = handler_(target);
                       exchange->response.result(static_cast<unsigned>(status));
                       exchange->response.version(11);
                       exchange->response.set(http::field::content_type, "application/json");
                       exchange->response.body() = body;
                       exchange->response.prepare_payload();
                       exchange->response.keep_alive(false);
                       http::async_write(exchange->socket, exchange->response,
                                         [exchange](boost::system::error_code, std::size_t) {
                                           boost::system::error_code ignored;
                                           exchange->socket.shutdown(Socket::shutdown_both,
                                                                     ignored);
                                         });
                     });
  }

  Handler handler_;
  std::filesystem::path path_;
  boost::asio::io_context io_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::string> targets_;
};

}  // namespace unbroken::testing
