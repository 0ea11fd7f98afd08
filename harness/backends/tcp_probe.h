// A TCP readiness probe on a published port. Docker's userland proxy accepts every connection
// on a published port and closes it only once its own connection into the container fails,
// so "connected" alone proves nothing: a port is open when the connection is accepted and is
// still open (or has sent data) `linger` later.
#pragma once

#include <string>

#include "harness/backends/readiness_wait.h"
#include "harness/core/clock.h"
#include "harness/core/time.h"

namespace unbroken {

struct TcpProbe {
  bool open = false;
  std::string detail;  // "refused", "closed by the peer", "accepted and held open", …
};

TcpProbe probe_tcp(const std::string& host, int port, Millis timeout, Millis linger);

// Ready once probe_tcp says open before `timeout` passes; otherwise not, with what the last
// probe saw. Throws Interrupted.
ReadinessWait wait_tcp_open(const Clock& clock, const std::string& host, int port, Millis timeout);

}  // namespace unbroken
