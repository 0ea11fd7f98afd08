// RequestTemplate: one kind of request the load driver sends to the system under test, and
// the schedule that picks which template each request uses. Templates are chosen by the
// request's sequence number with a smooth weighted round robin: deterministic (a replay
// sends the same request for the same seq) and spread evenly (weights 3:1 send A A B A, not
// A A A B). `{seq}` and `{trace_id}` in the path, header values and body are replaced by the
// request's sequence number and the trace id the ledger knows, so a user's app can carry
// them into what it stores.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/backends/http_transport.h"

namespace unbroken {

struct RequestTemplate {
  std::string method = "GET";  // GET, POST, PUT, PATCH, DELETE
  std::string path;            // starts with '/'
  RequestHeaders headers;
  std::string body;  // sent with methods other than GET
  unsigned weight = 1;

  std::string describe() const;  // "POST /orders"
};

// `text` with {seq} and {trace_id} replaced.
std::string expand_placeholders(const std::string& text, std::uint64_t seq,
                                const std::string& trace_id);

class TemplateSchedule {
 public:
  // Weights must be positive; their sum is the schedule's cycle.
  explicit TemplateSchedule(const std::vector<RequestTemplate>& templates);
  std::size_t pick(std::uint64_t seq) const { return cycle_[seq % cycle_.size()]; }

 private:
  std::vector<std::size_t> cycle_;
};

}  // namespace unbroken
