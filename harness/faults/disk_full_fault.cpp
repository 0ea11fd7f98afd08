#include "harness/faults/disk_full_fault.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>

#include "harness/core/byte_size.h"
#include "harness/core/poll.h"

namespace unbroken {
namespace {

constexpr const char* kFillFile = "unbroken-disk-fill";
constexpr const char* kProbeFile = "unbroken-disk-probe";
constexpr std::int64_t kProbeBytes = 4096;

bool disk_full(const ExecResult& copy) {
  return copy.exit_code != 0 && copy.output.find("no space left on device") != std::string::npos;
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

}  // namespace

ParamDecls DiskFullFault::parameters() {
  return {{"path", ParamType::kText, "the target's data_dir", false,
           "the directory filled, on a size-limited tmpfs volume"}};
}

DiskFullFault::DiskFullFault(const FaultSpec& spec, FaultContext& context)
    : context_(context), target_(spec.target) {
  const auto* service = context.system.service(target_);
  path_ = spec.params.string_or("path", service ? service->data_dir : "");
  if (path_.empty() || path_.front() != '/') {
    throw ConfigError(spec.params.where(),
                      fmt::format("disk_full: '{}' declares no data_dir in its system file; give "
                                  "'path' (an absolute directory in its container)",
                                  target_));
  }
  scratch_ = std::filesystem::temp_directory_path() /
             fmt::format("unbroken-disk-full-{}-{}", ::getpid(), target_);
}

DiskFullFault::~DiskFullFault() {
  std::error_code ignored;
  std::filesystem::remove_all(scratch_, ignored);
}

std::string DiskFullFault::describe() const {
  return fmt::format("disk_full on {} ({})", target_, path_);
}

ExecResult DiskFullFault::copy_file(const std::string& name, std::int64_t bytes) {
  std::filesystem::create_directories(scratch_);
  const auto file = scratch_ / name;
  std::ofstream(file, std::ios::trunc).close();
  std::filesystem::resize_file(file, static_cast<std::uintmax_t>(bytes));  // sparse: no host disk
  return context_.runtime.copy_into(target_, file, path_ + "/" + name);
}

void DiskFullFault::inject() {
  const auto limit = context_.runtime.mount_size_limit(target_, path_);
  if (!limit) {
    throw HarnessError(fmt::format(
        "disk_full refuses to fill {}:{}: it is not a size-limited tmpfs volume, so filling it "
        "would fill the host's disk (apply an override such as overrides/loki-small-disk.yml)",
        target_, path_));
  }
  copy_file(kFillFile, *limit);  // fails once the mount is full: that is the point
}

void DiskFullFault::heal() {
  const auto emptied = copy_file(kFillFile, 0);
  if (emptied.exit_code != 0) {
    throw HarnessError(fmt::format("disk_full: could not free {}:{}/{}: {}", target_, path_,
                                   kFillFile, first_line(emptied.output)));
  }
}

Effect DiskFullFault::verify_effect(FaultPhase phase, Millis timeout) {
  const bool want_full = phase == FaultPhase::kInjected;
  ExecResult probe;
  const bool seen = poll_until(context_.clock, context_.clock.now() + timeout, [&] {
    probe = copy_file(kProbeFile, kProbeBytes);
    return disk_full(probe) == want_full && (want_full || probe.exit_code == 0);
  });
  if (!want_full && probe.exit_code == 0) copy_file(kProbeFile, 0);  // leave no probe bytes
  const auto outcome =
      probe.exit_code == 0 ? std::string("succeeds") : "fails: " + first_line(probe.output);
  return {seen,
          fmt::format("a {} write into {}:{} {}{}", format_byte_size(kProbeBytes), target_, path_,
                      outcome,
                      seen        ? ""
                      : want_full ? " (expected no space left)"
                                  : " (expected success)"),
          context_.clock.now()};
}

}  // namespace unbroken
