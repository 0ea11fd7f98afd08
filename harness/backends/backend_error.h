// BackendError: a backend answered, but not with what its API promises (an error
// envelope, a body that is not the documented JSON). Infrastructure, never a verdict.
#pragma once

#include <stdexcept>

namespace unbroken {

class BackendError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace unbroken
