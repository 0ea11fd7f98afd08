#include "harness/ledger/record_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <type_traits>

#include "harness/core/errors.h"

namespace unbroken {
namespace {

static_assert(std::is_trivially_copyable_v<RequestRecord>,
              "records are stored as bytes in the spill file");

std::size_t page_size() {
  return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace

RecordStore::RecordStore(std::optional<std::filesystem::path> spill_file,
                         std::size_t resident_bound)
    : spill_file_(std::move(spill_file)), resident_bound_(resident_bound) {}

RecordStore::~RecordStore() {
  if (mapped_) ::munmap(mapped_, size_ * sizeof(RequestRecord));
  if (fd_ >= 0) ::close(fd_);
}

void RecordStore::resize(std::size_t size) {
  if (size <= size_) return;
  if (!spill_file_ || (size <= resident_bound_ && !mapped_)) {
    memory_.resize(size);
  } else {
    map(size);
  }
  const auto old_size = size_;
  size_ = size;
  for (auto seq = old_size; seq < size; ++seq) (*this)[seq] = RequestRecord{.seq = seq};
  release(old_size, size);
}

void RecordStore::map(std::size_t size) {
  const auto fail = [this](const char* what) {
    throw HarnessError(fmt::format("request ledger spill file {}: {} failed: {}",
                                   spill_file_->string(), what, std::strerror(errno)));
  };
  if (fd_ < 0) {
    fd_ = ::open(spill_file_->c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd_ < 0) fail("open");
    ::unlink(spill_file_->c_str());
  }
  if (::ftruncate(fd_, static_cast<off_t>(size * sizeof(RequestRecord))) != 0) fail("ftruncate");
  void* mapping =
      ::mmap(nullptr, size * sizeof(RequestRecord), PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (mapping == MAP_FAILED) fail("mmap");
  auto* records = static_cast<RequestRecord*>(mapping);
  if (mapped_) {
    ::munmap(mapped_, size_ * sizeof(RequestRecord));
  } else {
    std::memcpy(records, memory_.data(), size_ * sizeof(RequestRecord));
    memory_ = {};
  }
  mapped_ = records;
}

void RecordStore::release(std::size_t from, std::size_t to) const {
  if (!mapped_ || from >= to) return;
  const auto page = page_size();
  const auto begin = reinterpret_cast<std::uintptr_t>(mapped_ + from);
  const auto end = reinterpret_cast<std::uintptr_t>(mapped_ + std::min(to, size_));
  const auto first = (begin + page - 1) / page * page;
  const auto last = end / page * page;
  if (first < last) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

}  // namespace unbroken
