// FaultJournal: an append-only JSON-lines record of every fault action, written and
// flushed *before* the action is applied, so whoever cleans up after a crash knows what
// was in force. File: <report dir>/fault-journal.jsonl. Not thread-safe.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "harness/core/time.h"

namespace unbroken {

class FaultJournal {
 public:
  explicit FaultJournal(const std::filesystem::path& file);
  // action: "inject", "injected", "heal", "healed", "heal-failed", ...
  void record(TimePoint at, const std::string& action, const std::string& fault,
              const std::string& target, const std::string& detail = {});

 private:
  std::ofstream out_;
};

}  // namespace unbroken
