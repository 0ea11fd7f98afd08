// DiskFullFault ("disk_full"): fills a service's data directory until writes fail, then
// frees it. Only on a size-limited mount — the service's data directory must be a tmpfs
// volume with a size (e.g. compose/overrides/loki-small-disk.yml) — so it can never fill
// the host's disk; anything else is refused before the run touches the stack.
// Inject copies a file of the mount's size into <data dir>/unbroken-disk-fill (docker cp,
// so the image needs no shell): the copy stops where the disk is full. Heal copies an
// empty file over it. Effect: a 4 KiB write into the data directory fails with "no space
// left on device" after inject, and succeeds after heal.
// Parameters: path (default: the service's data directory, /loki or /prometheus).
#pragma once

#include <filesystem>

#include "harness/faults/fault.h"

namespace unbroken {

class DiskFullFault final : public Fault {
 public:
  DiskFullFault(const FaultSpec& spec, FaultContext& context);
  static ParamDecls parameters();
  ~DiskFullFault() override;

  std::string describe() const override;
  std::string acts_on() const override { return target_; }
  void inject() override;
  void heal() override;
  Effect verify_effect(FaultPhase phase, Millis timeout) override;

 private:
  // Copies a file of `bytes` (sparse on the host) to `name` in the data directory.
  ExecResult copy_file(const std::string& name, std::int64_t bytes);

  FaultContext& context_;
  std::string target_;
  std::string path_;
  std::filesystem::path scratch_;  // host directory of the files copied in
};

}  // namespace unbroken
