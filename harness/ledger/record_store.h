// RecordStore: the ledger's records, indexed by seq, in memory up to a bound and in a
// file beyond it.
// - Up to `resident_bound` records, they are an ordinary array in memory.
// - Past it, when a spill file is named, they live in that file, mapped shared into memory.
//   The file is unlinked as soon as it is open, so nothing is left on disk after the
//   process, however it ends. The kernel holds the data in its page cache and writes it
//   back to the file; release() takes a range out of this process's resident memory, and
//   the next access reads it back. Releasing never loses a record, even one another
//   thread is writing.
// - Without a spill file, every record stays in memory.
// resize() keeps every record and invalidates pointers and spans; nothing else does.
// Not thread-safe for resize(); element access follows the caller's own rules.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <vector>

#include "harness/ledger/request_record.h"

namespace unbroken {

class RecordStore {
 public:
  RecordStore(std::optional<std::filesystem::path> spill_file, std::size_t resident_bound);
  ~RecordStore();
  RecordStore(const RecordStore&) = delete;
  RecordStore& operator=(const RecordStore&) = delete;

  // Grows to `size` records (new ones default); throws HarnessError when the spill file
  // cannot be made or mapped, naming it.
  void resize(std::size_t size);
  std::size_t size() const { return size_; }
  bool spilled() const { return mapped_ != nullptr; }
  RequestRecord& operator[](std::size_t seq) { return data()[seq]; }
  const RequestRecord& operator[](std::size_t seq) const { return data()[seq]; }
  std::span<const RequestRecord> all() const { return {data(), size_}; }
  // Takes the whole pages of records [from, to) out of resident memory when spilled; no
  // effect in memory.
  void release(std::size_t from, std::size_t to) const;

 private:
  RequestRecord* data() { return mapped_ ? mapped_ : memory_.data(); }
  const RequestRecord* data() const { return mapped_ ? mapped_ : memory_.data(); }
  void map(std::size_t size);

  std::optional<std::filesystem::path> spill_file_;
  std::size_t resident_bound_;
  std::size_t size_ = 0;
  std::vector<RequestRecord> memory_;
  int fd_ = -1;
  RequestRecord* mapped_ = nullptr;
};

}  // namespace unbroken
