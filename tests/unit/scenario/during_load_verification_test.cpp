// DuringLoadVerification: the checks that verify during the load are handed, about once a
// period, what had been sent a horizon earlier; a check that gets no answer is counted and
// the others go on; a busy host gets no call at all, and the skipped periods are counted.
#include "harness/scenario/during_load_verification.h"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "harness/core/poll.h"
#include "tests/fakes/fake_http_transport.h"

namespace unbroken {
namespace {

// A check that keeps what it was handed during the load.
class RecordingCheck final : public Check {
 public:
  explicit RecordingCheck(bool verifies, bool answers = true)
      : verifies_(verifies), answers_(answers) {}
  std::string name() const override { return "recording"; }
  bool verifies_during_load() const override { return verifies_; }
  std::uint64_t verify_during_load(const DuringLoadContext& context) override {
    {
      std::lock_guard lock(mutex_);
      handed_.push_back(context.sent_before_horizon);
    }
    if (!answers_) throw TransportError("connection refused", false);
    return context.sent_before_horizon;
  }
  Verdict evaluate(const CheckContext&) override { return Verdict::passed(name(), "unused"); }
  std::vector<std::uint64_t> handed() const {
    std::lock_guard lock(mutex_);
    return handed_;
  }

 private:
  bool verifies_;
  bool answers_;
  mutable std::mutex mutex_;
  std::vector<std::uint64_t> handed_;
};

HostPressure calm() {
  return {.load1 = 0.1, .cores = 2, .cpu_waiting_percent = 1.0};
}
HostPressure busy() {
  return {.load1 = 9.0, .cores = 2, .cpu_waiting_percent = 95.0};
}

class DuringLoadVerificationTest : public ::testing::Test {
 protected:
  void SetUp() override { ledger.plan(100); }
  void send(std::uint64_t from, std::uint64_t to) {
    for (auto seq = from; seq < to; ++seq) ledger.record_sent(seq, clock.now());
  }
  // Waits (up to 10 s) until `done`.
  template <typename Done>
  bool eventually(const Done& done) {
    return poll_until(clock, clock.now() + Millis{10'000}, done,
                      Backoff{Millis{5}, Millis{20}, 1.5});
  }
  DuringLoadVerification verification(std::function<HostPressure()> pressure) {
    return {ledger, http, clock, {Millis{10}, Millis{10}, Millis{30}, std::move(pressure)}};
  }

  SystemClock clock;
  RequestLedger ledger{"test-run"};
  testing::FakeHttpTransport http{[](const testing::RecordedRequest&) -> HttpResponse {
    return {404, ""};
  }};
};

TEST_F(DuringLoadVerificationTest, EachCheckThatVerifiesIsHandedWhatWasSentAHorizonEarlier) {
  RecordingCheck verifies(true);
  RecordingCheck does_not(false);
  auto during = verification(calm);
  send(0, 40);
  during.start({&verifies, &does_not}, [] { return std::string("http://127.0.0.1:16686"); });
  EXPECT_TRUE(eventually([&] {
    const auto handed = verifies.handed();
    return !handed.empty() && handed.back() == 40;
  }));
  send(40, 60);
  EXPECT_TRUE(eventually([&] { return verifies.handed().back() == 60; }));
  during.stop();
  EXPECT_TRUE(does_not.handed().empty());
  EXPECT_EQ(during.counts().calls, verifies.handed().size());
  EXPECT_EQ(during.counts().checks, 1U);
  EXPECT_EQ(during.counts().requests_verified, 60U);
}

TEST_F(DuringLoadVerificationTest, ACheckThatGetsNoAnswerIsCountedAndTheOthersGoOn) {
  RecordingCheck refused(true, false);
  RecordingCheck answered(true);
  auto during = verification(calm);
  send(0, 10);
  during.start({&refused, &answered}, [] { return std::string("http://127.0.0.1:16686"); });
  EXPECT_TRUE(eventually([&] { return answered.handed().size() >= 2; }));
  during.stop();
  const auto counts = during.counts();
  EXPECT_GE(counts.no_answer, 2U);
  EXPECT_EQ(counts.no_answer, refused.handed().size());
  EXPECT_EQ(counts.requests_verified, 0U);  // the check that got no answer verified nothing
}

TEST_F(DuringLoadVerificationTest, ABusyHostGetsNoCallAndTheSkippedPeriodsAreCounted) {
  RecordingCheck verifies(true);
  auto during = verification(busy);
  send(0, 10);
  during.start({&verifies}, [] { return std::string("http://127.0.0.1:16686"); });
  EXPECT_TRUE(eventually([&] { return during.counts().host_busy >= 3; }));
  during.stop();
  EXPECT_TRUE(verifies.handed().empty());
  EXPECT_EQ(during.counts().calls, 0U);
}

}  // namespace
}  // namespace unbroken
