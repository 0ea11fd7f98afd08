#include "harness/faults/fault_journal.h"

#include <nlohmann/json.hpp>

#include "harness/core/errors.h"
#include "harness/core/time_format.h"

namespace unbroken {

FaultJournal::FaultJournal(const std::filesystem::path& file) : out_(file, std::ios::app) {
  if (!out_) throw HarnessError("cannot write the fault journal " + file.string());
}

void FaultJournal::record(TimePoint at, const std::string& action, const std::string& fault,
                          const std::string& target, const std::string& detail) {
  nlohmann::json line{
      {"time", format_rfc3339(at)}, {"action", action}, {"fault", fault}, {"target", target}};
  if (!detail.empty()) line["detail"] = detail;
  out_ << line.dump() << '\n';
  out_.flush();
}

}  // namespace unbroken
