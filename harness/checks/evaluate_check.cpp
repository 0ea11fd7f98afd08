#include "harness/checks/evaluate_check.h"

#include <fmt/format.h>

#include "harness/backends/http_transport.h"
#include "harness/core/interrupt.h"

namespace unbroken {

Verdict evaluate_check(Check& check, const CheckContext& context, const Clock& clock) {
  const auto began = clock.now();
  Verdict verdict;
  try {
    verdict = check.evaluate(context);
  } catch (const Interrupted&) {
    throw;
  } catch (const TransportError& e) {
    verdict = Verdict::inconclusive(
        check.name(), fmt::format("could not look: {}; no answer is no evidence either way ({})",
                                  e.what(), context.pressure_now().describe()));
  } catch (const std::exception& e) {
    verdict = Verdict::errored(check.name(), std::string("could not evaluate: ") + e.what());
  }
  verdict.seconds = std::chrono::duration<double>(clock.now() - began).count();
  return verdict;
}

}  // namespace unbroken
