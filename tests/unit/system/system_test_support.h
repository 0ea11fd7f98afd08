// A scratch directory holding a compose file, so system files can be parsed in tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "harness/system/system_loader.h"

namespace unbroken::testing {

// A compose file of two services: `api` publishes 8080 (with a healthcheck), `db` 5432.
inline constexpr const char* kTwoServiceCompose = R"(services:
  api:
    image: example/api
    ports: ["127.0.0.1:${UNBROKEN_HOST_PORT_API_8080:-}:8080"]
    healthcheck: {test: ["CMD", "true"]}
  db:
    image: example/db
    ports:
      - target: 5432
        host_ip: 127.0.0.1
)";

class SystemDir {
 public:
  explicit SystemDir(const std::string& compose = kTwoServiceCompose)
      : dir_(std::filesystem::temp_directory_path() /
             ("unbroken-system-test-" + std::to_string(::getpid()) + "-" +
              std::to_string(counter()++))) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    write("compose.yml", compose);
  }
  ~SystemDir() { std::filesystem::remove_all(dir_); }
  SystemDir(const SystemDir&) = delete;
  SystemDir& operator=(const SystemDir&) = delete;

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }
  // Parses `text` as <dir>/system.yaml; errors name the file "system.yaml".
  System parse(const std::string& text) const {
    const auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(dir_);
    try {
      auto system = parse_system(text, "system.yaml");
      std::filesystem::current_path(cwd);
      return system;
    } catch (...) {
      std::filesystem::current_path(cwd);
      throw;
    }
  }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path dir_;
};

}  // namespace unbroken::testing
