#include "harness/reports/json_reporter.h"

#include <spdlog/spdlog.h>

#include <fstream>

#include "harness/reports/report_json.h"

namespace unbroken {

void JsonReporter::on_run_end(const RunRecord& record) {
  const auto path = record.report_dir / "report.json";
  std::ofstream out(path);
  out << report_json(record).dump(2) << '\n';
  if (!out) spdlog::error("could not write {}", path.string());
}

}  // namespace unbroken
