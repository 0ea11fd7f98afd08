#include "harness/backends/tcp_probe.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <thread>

namespace unbroken {
namespace {

namespace asio = boost::asio;

// A listener on 127.0.0.1 that accepts one connection and then holds it open or closes it
// at once (what Docker's userland proxy does when nothing listens in the container).
class OneShotListener {
 public:
  explicit OneShotListener(bool close_at_once)
      : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this, close_at_once] {
      asio::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (close_at_once) {
        socket.close();
        return;
      }
      std::array<char, 1> byte{};
      socket.read_some(asio::buffer(byte), ec);  // until the prober hangs up
    });
  }
  ~OneShotListener() { thread_.join(); }
  int port() const { return acceptor_.local_endpoint().port(); }

 private:
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
};

TEST(TcpProbe, AConnectionAcceptedAndHeldOpenIsOpen) {
  OneShotListener listener(false);
  const auto probe = probe_tcp("127.0.0.1", listener.port(), Millis{1000}, Millis{200});
  EXPECT_TRUE(probe.open) << probe.detail;
}

TEST(TcpProbe, AConnectionAcceptedAndClosedAtOnceIsNotOpen) {
  OneShotListener listener(true);
  const auto probe = probe_tcp("127.0.0.1", listener.port(), Millis{1000}, Millis{200});
  EXPECT_FALSE(probe.open);
  EXPECT_NE(probe.detail.find("accepted, then closed"), std::string::npos) << probe.detail;
}

TEST(TcpProbe, ARefusedConnectionIsNotOpen) {
  int port = 0;
  {
    OneShotListener listener(true);  // a port that was free a moment ago, now closed
    port = listener.port();
    probe_tcp("127.0.0.1", port, Millis{1000}, Millis{10});
  }
  EXPECT_FALSE(probe_tcp("127.0.0.1", port, Millis{1000}, Millis{200}).open);
}

}  // namespace
}  // namespace unbroken
