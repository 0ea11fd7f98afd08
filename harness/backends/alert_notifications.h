// What the stack's webhook receiver recorded (GET /notifications), parsed: each
// Alertmanager notification with its arrival time and the alerts it carried. Pure, so it
// is unit-tested on recorded JSON; throws BackendError for a body of another shape.
#pragma once

#include <string>
#include <vector>

#include "harness/backends/prometheus_response.h"
#include "harness/core/time.h"

namespace unbroken {

struct NotifiedAlert {
  std::string status;  // "firing" or "resolved"
  Labels labels;       // alertname, job, severity, ...
};

struct AlertNotification {
  TimePoint received_at{};
  std::string status;  // the group's: "firing" while any alert of it fires, else "resolved"
  std::vector<NotifiedAlert> alerts;
};

std::vector<AlertNotification> parse_alert_notifications(const std::string& body);

// A stable key for one alert instance: its labels, as "{alertname=\"X\", job=\"y\"}".
std::string alert_key(const NotifiedAlert& alert);

}  // namespace unbroken
