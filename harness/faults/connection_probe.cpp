#include "harness/faults/connection_probe.h"

#include <fmt/format.h>

#include <utility>  // std::exchange, which asio's awaitable.hpp uses without including

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

namespace unbroken {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::use_awaitable;
using SteadyClock = std::chrono::steady_clock;

constexpr std::uint64_t kBodyLimit = 64ULL << 20;

Millis since(SteadyClock::time_point start) {
  return std::chrono::duration_cast<Millis>(SteadyClock::now() - start);
}

http::request<http::string_body> request_for(const ConnectionPlan& plan, bool last) {
  http::request<http::string_body> request{
      plan.body_bytes > 0 ? http::verb::post : http::verb::get, plan.path, 11};
  request.set(http::field::host, plan.endpoint.host);
  request.set(http::field::user_agent, "unbroken-fault-probe");
  request.keep_alive(!last);
  if (plan.body_bytes > 0) {
    request.body().assign(static_cast<std::size_t>(plan.body_bytes), 'x');
    request.set(http::field::content_type, "application/octet-stream");
  }
  request.prepare_payload();
  return request;
}

asio::awaitable<void> probe(const ConnectionPlan& plan, ConnectionTrace& trace,
                            SteadyClock::time_point start) {
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_after(plan.deadline);
  try {
    co_await stream.async_connect(
        asio::ip::tcp::endpoint(asio::ip::make_address(plan.endpoint.host),
                                static_cast<unsigned short>(plan.endpoint.port)),
        use_awaitable);
    trace.connected = true;
    stream.socket().set_option(asio::ip::tcp::no_delay(true));
    beast::flat_buffer buffer;
    const int requests = plan.body_bytes > 0 ? 1 : std::max(1, plan.requests);
    for (int i = 0; i < requests; ++i) {
      auto request = request_for(plan, i + 1 == requests);
      trace.bytes_sent +=
          static_cast<std::int64_t>(co_await http::async_write(stream, request, use_awaitable));
      http::response_parser<http::string_body> answer;
      answer.body_limit(kBodyLimit);
      trace.bytes_received +=
          static_cast<std::int64_t>(co_await http::async_read(stream, buffer, answer, use_awaitable));
      ++trace.answers;
      trace.last_answer = since(start);
      if (trace.first_answer.count() < 0) trace.first_answer = trace.last_answer;
    }
    char byte = 0;  // the server closes after the last answer: wait for it
    co_await stream.async_read_some(asio::buffer(&byte, 1), use_awaitable);
    trace.ended_by = "an unexpected byte after the last answer";
  } catch (const boost::system::system_error& e) {
    if (e.code() == beast::error::timeout) {
      if (trace.ended_by.empty()) trace.ended_by = "the deadline";
    } else {
      trace.closed = since(start);
      if (e.code() != http::error::end_of_stream && e.code() != asio::error::eof) {
        trace.ended_by = e.code().message();
      } else if (trace.answers == 0) {
        trace.ended_by = "a close before any answer";
      }
    }
  }
}

}  // namespace

std::string ConnectionTrace::to_string() const {
  if (!connected) return fmt::format("not connected ({})", ended_by);
  auto text = fmt::format("{} answer(s), {} bytes in, {} bytes out", answers, bytes_received,
                          bytes_sent);
  if (first_answer.count() >= 0) text += fmt::format(", first after {}ms", first_answer.count());
  if (last_answer.count() >= 0) text += fmt::format(", last after {}ms", last_answer.count());
  text += closed.count() >= 0 ? fmt::format(", closed after {}ms", closed.count())
                              : std::string(", still open at the deadline");
  if (!ended_by.empty()) text += fmt::format(" (ended by {})", ended_by);
  return text;
}

std::vector<ConnectionTrace> BeastConnectionProber::run(const std::vector<ConnectionPlan>& plans) {
  std::vector<ConnectionTrace> traces(plans.size());
  asio::io_context io;
  const auto start = SteadyClock::now();
  for (std::size_t i = 0; i < plans.size(); ++i) {
    asio::co_spawn(io, probe(plans[i], traces[i], start), asio::detached);
  }
  io.run();  // every connection has its own deadline
  return traces;
}

}  // namespace unbroken
