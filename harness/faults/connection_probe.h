// Probe connections through the fault proxy, the measurement behind a proxy toxic's proof
// of effect: each plan is one TCP connection carrying `requests` HTTP requests one after
// another (each sent once the previous answer was read; the last asks the server to close)
// or one POST of `body_bytes`, timed from the client's side. All plans of one call run at
// once, each on its own connection, so a share of connections (toxicity) is sampled in
// one go.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/core/time.h"
#include "harness/runtime/runtime.h"

namespace unbroken {

struct ConnectionPlan {
  Endpoint endpoint;
  std::string path;
  int requests = 1;             // GETs, one after another
  std::int64_t body_bytes = 0;  // > 0: a single POST carrying this many bytes instead
  Millis deadline{5'000};       // for the whole connection
};

// What one connection saw; times are from the start of the probe, -1 when never seen.
struct ConnectionTrace {
  bool connected = false;
  int answers = 0;                  // complete answers read
  std::int64_t bytes_sent = 0;      // request bytes written
  std::int64_t bytes_received = 0;  // answer bytes read (headers and bodies)
  Millis first_answer{-1};
  Millis last_answer{-1};
  Millis closed{-1};  // the server's end of stream or reset; -1: not before the deadline
  std::string ended_by;  // what ended it early ("" when every answer came), for people
  std::string to_string() const;
};

class ConnectionProber {
 public:
  virtual ~ConnectionProber() = default;
  // One trace per plan, in plan order. Never throws for what a connection met.
  virtual std::vector<ConnectionTrace> run(const std::vector<ConnectionPlan>& plans) = 0;
};

// Over Boost.Beast and Asio coroutines, on one thread.
class BeastConnectionProber final : public ConnectionProber {
 public:
  std::vector<ConnectionTrace> run(const std::vector<ConnectionPlan>& plans) override;
};

}  // namespace unbroken
