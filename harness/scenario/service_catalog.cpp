#include "harness/scenario/service_catalog.h"

#include <array>

namespace unbroken {

std::optional<ServiceInfo> find_service(const std::string& name) {
  static const std::array<ServiceInfo, 2> kServices{{
      {kPrometheusService, 9090, "/-/ready"},
      {kWorkloadService, 8080, "/readyz"},
  }};
  for (const auto& s : kServices) {
    if (s.name == name) return s;
  }
  return std::nullopt;
}

}  // namespace unbroken
