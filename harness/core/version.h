// The harness's own version (the CMake project's), recorded in every report so a run can
// be matched with the harness that judged it.
#pragma once

namespace unbroken {

const char* harness_version();

}  // namespace unbroken
