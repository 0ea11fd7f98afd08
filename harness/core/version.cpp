#include "harness/core/version.h"

namespace unbroken {

const char* harness_version() {
  return UNBROKEN_VERSION;
}

}  // namespace unbroken
