// The ledger past its resident bound: records go to a file in the run directory, every
// record survives, the file leaves nothing behind, and released records leave the
// process's resident memory (observed in /proc/self/statm, not read back from a setting).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "harness/core/errors.h"
#include "harness/ledger/request_ledger.h"

namespace unbroken {
namespace request_ledger_spill_test {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr std::uint64_t kRequests = 1'000'000;  // 24 MiB of records
constexpr long kMiB = 1024 * 1024;

long resident_bytes() {
  long pages = 0;
  long resident = 0;
  std::ifstream("/proc/self/statm") >> pages >> resident;
  return resident * ::sysconf(_SC_PAGESIZE);
}

TimePoint at(std::uint64_t seq) {
  return TimePoint{} + std::chrono::microseconds(seq);
}

class LedgerSpill : public ::testing::Test {
 protected:
  LedgerSpill()
      : dir_(fs::temp_directory_path() / ("unbroken-spill-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
  }
  ~LedgerSpill() override { fs::remove_all(dir_); }

  // Sends the planned requests from `first` on in order, each ending by its seq modulo 3.
  static void send_all(RequestLedger& ledger, std::uint64_t first = 0) {
    for (std::uint64_t seq = first; seq < ledger.totals().planned; ++seq) {
      ledger.record_sent(seq, at(seq));
      if (seq % 3 == 0) ledger.record_success(seq, at(seq));
      if (seq % 3 == 1) ledger.record_rejected(seq, "HTTP 503");
      if (seq % 3 == 2) ledger.record_unknown(seq, "Timeout");
    }
  }
  static void expect_every_record_kept(const RequestLedger& ledger) {
    std::uint64_t seq = 0;
    std::uint64_t wrong = 0;
    for (const auto& r : ledger.records()) {
      const auto outcome = seq % 3 == 0   ? RequestOutcome::kSucceeded
                           : seq % 3 == 1 ? RequestOutcome::kRejected
                                          : RequestOutcome::kUnknown;
      wrong += r.seq == seq && r.sent_at == at(seq) && r.outcome == outcome ? 0 : 1;
      ++seq;
    }
    EXPECT_EQ(seq, kRequests);
    EXPECT_EQ(wrong, 0u);
  }
  fs::path dir_;
};

TEST_F(LedgerSpill, UnderTheBoundRecordsStayInMemoryAndNoFileIsMade) {
  RequestLedger ledger("run", dir_ / "requests.ledger", kRequests);
  ledger.plan(kRequests);
  send_all(ledger);
  EXPECT_FALSE(ledger.spilled());
  expect_every_record_kept(ledger);
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(LedgerSpill, PastTheBoundRecordsGoToAFileThatLeavesNothingBehindAndEveryRecordIsKept) {
  RequestLedger ledger("run", dir_ / "requests.ledger", 1000);
  ledger.plan(500);  // in memory first
  send_all(ledger);
  EXPECT_FALSE(ledger.spilled());
  ledger.plan(kRequests - 500);  // past the bound: moved to the file, the first 500 with them
  EXPECT_TRUE(ledger.spilled());
  EXPECT_EQ(ledger.record(499).outcome, RequestOutcome::kRejected);
  EXPECT_TRUE(fs::is_empty(dir_)) << "the file is unlinked once open";
  send_all(ledger, 500);
  ledger.release_memory();
  expect_every_record_kept(ledger);
  const auto totals = ledger.totals();
  EXPECT_EQ(totals.planned, kRequests);
  EXPECT_EQ(totals.sent, kRequests);
  EXPECT_TRUE(totals.complete());
}

TEST_F(LedgerSpill, ReleasedRecordsLeaveResidentMemoryOnlyWhenSpilled) {
  RequestLedger spilled("run", dir_ / "requests.ledger", 1000);
  RequestLedger in_memory("run", std::nullopt, 1000);
  spilled.plan(kRequests);
  in_memory.plan(kRequests);
  for (auto* ledger : {&spilled, &in_memory}) {
    send_all(*ledger);
    expect_every_record_kept(*ledger);  // every page touched
    const auto before = resident_bytes();
    ledger->release_memory();
    const auto freed = before - resident_bytes();
    if (ledger == &spilled) {
      EXPECT_GT(freed, 20 * kMiB) << "24 MiB of spilled records stayed resident";
    } else {
      EXPECT_LT(freed, 4 * kMiB) << "records in memory are never given up";
    }
    expect_every_record_kept(*ledger);
  }
}

TEST_F(LedgerSpill, WhileSendingASpilledLedgerKeepsOnlyARecentWindowResident) {
  RequestLedger ledger("run", dir_ / "requests.ledger", 1000);
  const auto before = resident_bytes();
  ledger.plan(kRequests);
  send_all(ledger);
  EXPECT_LT(resident_bytes() - before, 8 * kMiB)
      << "the records behind the sends were not let go of (24 MiB written)";
  expect_every_record_kept(ledger);
}

TEST_F(LedgerSpill, ASpillFileThatCannotBeMadeIsAHarnessErrorNamingIt) {
  RequestLedger ledger("run", dir_ / "absent" / "requests.ledger", 1000);
  try {
    ledger.plan(2000);
    FAIL() << "planned past the bound without a file";
  } catch (const HarnessError& e) {
    EXPECT_THAT(e.what(), HasSubstr("absent/requests.ledger: open failed"));
  }
}

}  // namespace request_ledger_spill_test
}  // namespace unbroken
