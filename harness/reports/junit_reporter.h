// JUnit XML for CI systems, built from report.json documents (reports/README.md), so one
// run and a suite of runs read the same: one <testsuite> per run, one <testcase> per
// verdict (each check and each fault) with its `time` and the scenario `file`.
// A failed verdict is a <failure>; an errored or an inconclusive one is an <error> (type
// "errored" or "inconclusive"), so that CI shows it as not passing: an inconclusive run
// proved nothing. JunitReporter writes <report dir>/junit.xml when a run ends.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/scenario/run_listener.h"

namespace unbroken {

class JunitReporter final : public RunListener {
 public:
  void on_run_end(const RunRecord& record) override;
};

// A <testsuites> document with one <testsuite> per report.json document.
std::string junit_xml(const std::vector<nlohmann::json>& reports);
std::string junit_xml(const RunRecord& record);

}  // namespace unbroken
