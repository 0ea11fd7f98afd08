// evaluate_check: how a check's evaluation becomes its verdict. A TransportError, a
// question that got no answer, is no evidence for or against the property: the verdict is
// inconclusive, "could not look: …", naming the question and the host's pressure at that
// moment (context.pressure_now()). Any other exception, an answer the check cannot read, is
// an errored verdict. An Interrupted (Ctrl-C) is no verdict at all: it is thrown on. The
// verdict's seconds are how long the evaluation took on `clock`.
#pragma once

#include "harness/checks/check.h"
#include "harness/core/clock.h"

namespace unbroken {

Verdict evaluate_check(Check& check, const CheckContext& context, const Clock& clock);

}  // namespace unbroken
