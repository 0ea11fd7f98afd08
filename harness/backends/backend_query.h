// Asking a backend one question. Whatever goes wrong — no answer in time, an error answer,
// a body of another shape or of the wrong types — comes back naming the backend and the
// question, so the verdict it errors says which of them failed:
//   "Loki, query_range {service_name="orders"}: Loki's answer is not a streams result: …"
// A TransportError stays one (callers tell "no answer" apart); anything else the reading
// throws becomes a BackendError. Memory exhaustion and an interrupt (Ctrl-C) are not caught.
#pragma once

#include <fmt/format.h>

#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

#include "harness/backends/backend_error.h"
#include "harness/backends/http_transport.h"
#include "harness/core/interrupt.h"

namespace unbroken {

template <typename Ask>
auto asking(std::string_view backend, const std::string& question, Ask&& ask) -> decltype(ask()) {
  try {
    return ask();
  } catch (const TransportError& e) {
    throw TransportError(fmt::format("{}, {}: {}", backend, question, e.what()),
                         e.maybe_delivered());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const Interrupted&) {
    throw;
  } catch (const BackendError& e) {
    throw BackendError(fmt::format("{}, {}: {}", backend, question, e.what()));
  } catch (const std::exception& e) {
    throw BackendError(
        fmt::format("{}, {}: an answer of another shape: {}", backend, question, e.what()));
  }
}

}  // namespace unbroken
