// GrafanaMark: one thing the run wrote into Grafana (its dashboard, an annotation), as
// recorded in the report: when it marks, and its annotation id or why it could not be
// written.
#pragma once

#include <cstdint>
#include <string>

namespace unbroken {

struct GrafanaMark {
  std::string what;  // "dashboard <uid>", "run started", or the fault's description
  std::int64_t time_ms = 0;
  std::int64_t time_end_ms = 0;
  std::int64_t annotation_id = 0;  // 0 for the dashboard or when the write failed
  std::string error;               // why it could not be written; "" when written
};

}  // namespace unbroken
