// KeepAliveConnection: one HTTP/1.1 keep-alive connection to a loopback port, held open by
// the test, so a test can see what a server does with an idle connection: keep it for the
// next request, or close it.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace unbroken::testing {

class KeepAliveConnection {
 public:
  explicit KeepAliveConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("cannot connect to port " + std::to_string(port));
  }
  ~KeepAliveConnection() { ::close(fd_); }
  KeepAliveConnection(const KeepAliveConnection&) = delete;
  KeepAliveConnection& operator=(const KeepAliveConnection&) = delete;

  // Sends `GET path` on this connection and returns the answer's status, or -1 when the
  // connection was closed or did not answer within 5 s. Reads the body by Content-Length.
  int get(const std::string& path) {
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size()))
      return -1;
    std::string received;
    std::size_t header_end = std::string::npos;
    std::size_t body_length = 0;
    while (header_end == std::string::npos || received.size() < header_end + 4 + body_length) {
      if (!readable_within(std::chrono::seconds(5))) return -1;
      char buffer[4096];
      const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return -1;
      received.append(buffer, static_cast<std::size_t>(n));
      if (header_end == std::string::npos &&
          (header_end = received.find("\r\n\r\n")) != std::string::npos) {
        const auto at = received.find("Content-Length: ");
        if (at != std::string::npos && at < header_end)
          body_length = std::stoul(received.substr(at + 16));
      }
    }
    return std::stoi(received.substr(received.find(' ') + 1, 3));
  }

  // Whether the server closed this connection within `wait` (the wait ends at the close).
  bool closed_by_server_within(std::chrono::milliseconds wait) const {
    if (!readable_within(wait)) return false;
    char byte;
    return ::recv(fd_, &byte, 1, MSG_PEEK) <= 0;
  }

 private:
  bool readable_within(std::chrono::milliseconds wait) const {
    pollfd ready{fd_, POLLIN, 0};
    return ::poll(&ready, 1, static_cast<int>(wait.count())) > 0;
  }

  int fd_;
};

}  // namespace unbroken::testing
