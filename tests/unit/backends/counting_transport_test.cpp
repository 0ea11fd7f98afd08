// CountingTransport passes each exchange on unchanged and counts the ones that got no answer
// apart from the ones that got any answer, an error status included.
#include "harness/backends/counting_transport.h"

#include <gtest/gtest.h>

#include "tests/fakes/fake_http_transport.h"

namespace unbroken {
namespace {

using testing::FakeHttpTransport;
using testing::RecordedRequest;

TEST(CountingTransport, AnExchangeWithNoAnswerIsCountedAndStillThrown) {
  FakeHttpTransport inner([](const RecordedRequest& r) -> HttpResponse {
    if (r.path == "/down") throw TransportError("timed out", true);
    return {r.path == "/error" ? 500 : 200, "body"};
  });
  CountingTransport counting(inner);
  EXPECT_EQ(counting.get("http://127.0.0.1:1", "/up", {}, Millis(100)).body, "body");
  EXPECT_EQ(counting.send("POST", "http://127.0.0.1:1", "/error", "{}", Millis(100)).status, 500);
  EXPECT_THROW(counting.get("http://127.0.0.1:1", "/down", {}, Millis(100)), TransportError);
  const auto counts = counting.counts();
  EXPECT_EQ(counts.asked, 3u);
  EXPECT_EQ(counts.unanswered, 1u) << "a 500 is an answer";
  EXPECT_EQ(inner.requests().size(), 3u);
}

}  // namespace
}  // namespace unbroken
