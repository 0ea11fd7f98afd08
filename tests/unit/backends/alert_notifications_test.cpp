#include "harness/backends/alert_notifications.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace unbroken {
namespace {

// What the webhook receiver returns for one Alertmanager webhook notification (version 4
// payload, trimmed to the fields the harness reads, plus ones it must ignore).
const char* kRecorded = R"([{"received_at": "2026-11-22T14:30:05.120Z",
  "received_at_ms": 1795444205120,
  "notification": {"version": "4", "groupKey": "{}:{alertname=\"UnbrokenTargetDown\", job=\"inventory\"}",
    "status": "firing", "receiver": "webhook",
    "alerts": [{"status": "firing",
      "labels": {"alertname": "UnbrokenTargetDown", "job": "inventory", "severity": "page"},
      "annotations": {"summary": "inventory is down"},
      "startsAt": "2026-11-22T14:30:03.000Z", "endsAt": "0001-01-01T00:00:00Z"}]}}])";

TEST(AlertNotifications, ParsesArrivalStatusAndEveryAlertsLabels) {
  const auto parsed = parse_alert_notifications(kRecorded);
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0].received_at, TimePoint(Millis(1795444205120)));
  EXPECT_EQ(parsed[0].status, "firing");
  ASSERT_EQ(parsed[0].alerts.size(), 1u);
  EXPECT_EQ(parsed[0].alerts[0].status, "firing");
  EXPECT_EQ(alert_key(parsed[0].alerts[0]),
            "{alertname=\"UnbrokenTargetDown\", job=\"inventory\", severity=\"page\"}");
}

TEST(AlertNotifications, ABodyOfAnotherShapeIsABackendError) {
  EXPECT_THROW(parse_alert_notifications("{}"), BackendError);
  EXPECT_THROW(parse_alert_notifications(R"([{"notification": {}}])"), BackendError);
  EXPECT_TRUE(parse_alert_notifications("[]").empty());
}

}  // namespace
}  // namespace unbroken
