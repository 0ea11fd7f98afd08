// Readiness probes: poll an HTTP endpoint until it answers 200, with a deadline.
#pragma once

#include <string>

#include "harness/backends/http_transport.h"
#include "harness/backends/readiness_wait.h"
#include "harness/core/clock.h"

namespace unbroken {

struct HttpProbe {
  std::string path;  // e.g. "/-/ready"
  Millis timeout;    // how long to keep trying
};

// Ready once GET base_url+path answered 200 before the probe's deadline; otherwise not,
// with the last answer. Connection errors and non-200 answers are retried with backoff.
// Throws Interrupted.
ReadinessWait wait_http_ok(HttpTransport& http, const Clock& clock, const std::string& base_url,
                           const HttpProbe& probe);

}  // namespace unbroken
