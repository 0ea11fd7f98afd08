// The keep-alive contract the stack's servers share with the real ones: an idle connection
// is kept for the next request (closing it races a client about to reuse it), and stopping
// the server still closes it at once (a stop that waits out the idle timeout hangs a run).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <future>
#include <string>

#include "tests/support/keep_alive_connection.h"

namespace unbroken::testing {

// On a connection to `port`: `path` answers 200, the connection is still open after 1.5 s
// idle and answers `path` again; then `stop` returns within 10 s and the connection is
// closed within 1 s of it.
inline void expect_idle_connection_kept_and_closed_by_stop(int port, const std::string& path,
                                                           const std::function<void()>& stop) {
  KeepAliveConnection connection(port);
  ASSERT_EQ(connection.get(path), 200);
  EXPECT_FALSE(connection.closed_by_server_within(std::chrono::milliseconds(1500)))
      << "an idle connection was closed; the next request on it would race the close";
  ASSERT_EQ(connection.get(path), 200);
  auto stopped = std::async(std::launch::async, stop);
  EXPECT_EQ(stopped.wait_for(std::chrono::seconds(10)), std::future_status::ready)
      << "stop() waited for the idle connection's timeout";
  EXPECT_TRUE(connection.closed_by_server_within(std::chrono::seconds(1)));
}

}  // namespace unbroken::testing
