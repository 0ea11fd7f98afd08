// The fuzz input as a backend's answer: the project's FakeHttpTransport answering every
// request with it, so a fuzz target hands the input to a backend client.
#pragma once

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness/backends/backend_error.h"
#include "harness/backends/http_transport.h"
#include "tests/fakes/fake_http_transport.h"

namespace unbroken::fuzz {

// A 200 (the status a hostile backend lies with) unless the input starts with
// "HTTP <3 digits>\n", which sets the status and is cut off.
inline testing::FakeHttpTransport answer_of(const std::uint8_t* data, std::size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  int status = 200;
  if (body.size() >= 9 && body.compare(0, 5, "HTTP ") == 0 && body[8] == '\n' &&
      std::isdigit(static_cast<unsigned char>(body[5])) &&
      std::isdigit(static_cast<unsigned char>(body[6])) &&
      std::isdigit(static_cast<unsigned char>(body[7]))) {
    status = std::stoi(body.substr(5, 3));
    body.erase(0, 9);
  }
  const HttpResponse answer{status, std::move(body)};
  return testing::FakeHttpTransport([answer](const testing::RecordedRequest&) { return answer; });
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
