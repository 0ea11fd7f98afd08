#include "harness/ledger/outcomes_per_second.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

RequestRecord sent(TimePoint at, RequestOutcome outcome) {
  RequestRecord r;
  r.sent_at = at;
  r.outcome = outcome;
  return r;
}

TEST(OutcomesPerSecond, CountsEachOutcomeInTheSecondItWasSentEmptySecondsIncluded) {
  const TimePoint from{};
  using std::chrono::milliseconds;
  const std::vector<RequestRecord> records{
      sent(from + milliseconds(100), RequestOutcome::kSucceeded),
      sent(from + milliseconds(900), RequestOutcome::kRejected),
      sent(from + milliseconds(2500), RequestOutcome::kUnknown),
      sent(from + milliseconds(2600), RequestOutcome::kSucceeded), RequestRecord{}};
  const auto seconds = outcomes_per_second(records, from);
  ASSERT_EQ(seconds.size(), 3u);
  EXPECT_EQ(seconds[0].sent, 2u);
  EXPECT_EQ(seconds[0].succeeded, 1u);
  EXPECT_EQ(seconds[0].rejected, 1u);
  EXPECT_EQ(seconds[1].sent, 0u) << "a second nothing was sent in is there, empty";
  EXPECT_EQ(seconds[2].unknown, 1u);
  EXPECT_EQ(seconds[2].succeeded, 1u);
  EXPECT_EQ(to_json(seconds)[2], nlohmann::json({2, 2, 1, 0, 1}));
}

}  // namespace
}  // namespace unbroken
