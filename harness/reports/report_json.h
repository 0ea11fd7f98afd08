// The report.json document (schema: reports/README.md), built from a RunRecord.
#pragma once

#include <nlohmann/json.hpp>

#include "harness/scenario/run_record.h"

namespace unbroken {

inline constexpr int kReportSchemaVersion = 1;

nlohmann::json report_json(const RunRecord& record);

}  // namespace unbroken
