// LoadProgress: where a run's load stands at one moment, for a live progress line: how far
// into the planned load, what the ledger has counted so far, and which faults are in force.
#pragma once

#include <string>
#include <vector>

#include "harness/core/time.h"
#include "harness/ledger/request_ledger.h"

namespace unbroken {

struct LoadProgress {
  Millis elapsed{0};  // since the load started
  Millis planned{0};  // the load's planned duration
  LedgerTotals counted;
  std::vector<std::string> faults_in_force;  // their descriptions, in injection order
};

// One line, e.g. "load 12s/30s · sent 600 · ok 597 · failed 3 · in force: kill loki ·
// 18s left". Failed counts rejected and unknown outcomes.
std::string progress_line(const LoadProgress& progress);

}  // namespace unbroken
