// AnsweringTransport: an HttpTransport that answers every request with one fixed body and
// status, so a fuzz target can hand its input to a backend client as that backend's answer.
#pragma once

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness/backends/backend_error.h"
#include "harness/backends/http_transport.h"

namespace unbroken::fuzz {

class AnsweringTransport final : public HttpTransport {
 public:
  AnsweringTransport(int status, std::string body) : answer_{status, std::move(body)} {}
  using HttpTransport::get;
  HttpResponse get(const std::string&, const std::string&, const QueryParams&,
                   const RequestHeaders&, Millis) override {
    return answer_;
  }
  using HttpTransport::send;
  HttpResponse send(const std::string&, const std::string&, const std::string&, const std::string&,
                    const RequestHeaders&, Millis) override {
    return answer_;
  }

 private:
  HttpResponse answer_;
};

// The input as a backend's answer: a 200 (the status a hostile backend lies with) unless
// the input starts with "HTTP <3 digits>\n", which sets the status and is cut off.
inline AnsweringTransport answer_of(const std::uint8_t* data, std::size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  int status = 200;
  if (body.size() >= 9 && body.compare(0, 5, "HTTP ") == 0 && body[8] == '\n' &&
      std::isdigit(static_cast<unsigned char>(body[5])) &&
      std::isdigit(static_cast<unsigned char>(body[6])) &&
      std::isdigit(static_cast<unsigned char>(body[7]))) {
    status = std::stoi(body.substr(5, 3));
    body.erase(0, 9);
  }
  return {status, std::move(body)};
}

// Runs `ask` against the answer: a TransportError or BackendError is the client's contract
// for a bad answer; anything else escapes and is a finding.
template <typename Ask>
void ask_expecting_contract(Ask&& ask) {
  try {
    ask();
  } catch (const TransportError&) {
  } catch (const BackendError&) {
  }
}

}  // namespace unbroken::fuzz
