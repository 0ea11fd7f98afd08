// Self-observation: what the harness saw of its own ability to observe a run, so a reader
// can tell a busy machine from a broken system. The host's load and CPU pressure at their
// peak while the load ran, how far behind schedule the load driver sent, the share of
// requests whose outcome it could not know, with the bound a run's load evidence is judged
// by (load_evidence.h), how many of its own backend queries and probes got no answer, and
// its slowest fault command (docker under load). For report.json ("self_observation") and
// the console summary.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "harness/scenario/run_record.h"

namespace unbroken {

nlohmann::json self_observation_json(const RunRecord& record);

// "host load peaked at 3.2 on 2 cores (CPU pressure 45%) over 20 samples; the load driver
// was at most 12ms late; 3 of 600 outcomes unknown (0.5%)".
std::string describe_self_observation(const RunRecord& record);

}  // namespace unbroken
