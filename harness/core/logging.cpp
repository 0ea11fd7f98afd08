#include "harness/core/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace unbroken {
namespace {

std::shared_ptr<spdlog::sinks::sink> stderr_sink(bool verbose) {
  auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  sink->set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
  sink->set_pattern("%^%l%$: %v");
  return sink;
}

}  // namespace

void setup_logging(const std::filesystem::path& log_file, bool verbose) {
  auto file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(log_file.string(), true);
  file->set_level(spdlog::level::debug);
  auto logger = std::make_shared<spdlog::logger>(
      "unbroken", spdlog::sinks_init_list{file, stderr_sink(verbose)});
  logger->set_level(spdlog::level::debug);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void setup_console_logging(bool verbose) {
  auto logger = std::make_shared<spdlog::logger>("unbroken", stderr_sink(verbose));
  logger->set_level(spdlog::level::debug);
  spdlog::set_default_logger(logger);
}

}  // namespace unbroken
