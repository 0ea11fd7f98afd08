// JunitReporter: writes <report dir>/junit.xml when the run ends: one <testsuite> for the
// scenario, one <testcase> per verdict (failed → <failure>, errored → <error>,
// inconclusive → <skipped> with the reason), for CI systems that read JUnit XML.
#pragma once

#include <string>

#include "harness/scenario/run_listener.h"

namespace unbroken {

class JunitReporter final : public RunListener {
 public:
  void on_run_end(const RunRecord& record) override;
};

std::string junit_xml(const RunRecord& record);

}  // namespace unbroken
