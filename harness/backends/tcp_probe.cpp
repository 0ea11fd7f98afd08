#include "harness/backends/tcp_probe.h"

#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio.hpp>

#include "harness/core/poll.h"

namespace unbroken {
namespace {
constexpr Millis kAttemptTimeout{1'000};
constexpr Millis kLinger{300};
}  // namespace

TcpProbe probe_tcp(const std::string& host, int port, Millis timeout, Millis linger) {
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  boost::system::error_code connected = asio::error::would_block;
  boost::system::error_code address_error;
  const auto address = asio::ip::make_address(host, address_error);
  if (address_error) return {false, "not an IP address: " + host};
  socket.async_connect({address, static_cast<unsigned short>(port)},
                       [&](const boost::system::error_code& ec) { connected = ec; });
  io.run_for(timeout);
  if (connected == asio::error::would_block) return {false, "connect timed out"};
  if (connected) return {false, connected.message()};
  std::array<char, 64> buffer{};
  boost::system::error_code read = asio::error::would_block;
  std::size_t got = 0;
  socket.async_read_some(asio::buffer(buffer),
                         [&](const boost::system::error_code& ec, std::size_t n) {
                           read = ec;
                           got = n;
                         });
  io.restart();
  io.run_for(linger);
  if (read == asio::error::would_block) return {true, "accepted and held open"};
  if (!read && got > 0) return {true, "accepted and answered"};
  return {false, "accepted, then closed: " + read.message()};
}

ReadinessWait wait_tcp_open(const Clock& clock, const std::string& host, int port, Millis timeout) {
  ReadinessWait outcome;
  outcome.ready = poll_until(
      clock, clock.now() + timeout,
      [&] {
        const auto probe = probe_tcp(host, port, kAttemptTimeout, kLinger);
        outcome.last_answer = probe.detail;
        if (!probe.open) spdlog::debug("tcp probe {}:{}: {}", host, port, probe.detail);
        return probe.open;
      },
      Backoff{Millis{100}, Millis{1000}, 1.5});
  return outcome;
}

}  // namespace unbroken
