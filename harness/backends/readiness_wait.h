// How waiting for a service to become ready ended: whether it did, and the last answer the
// probe got (an HTTP status, a connection error, what a TCP connect saw), for the report
// of a service that never became ready.
#pragma once

#include <string>

namespace unbroken {

struct ReadinessWait {
  bool ready = false;
  std::string last_answer;  // empty when no probe ran
};

}  // namespace unbroken
