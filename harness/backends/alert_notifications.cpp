#include "harness/backends/alert_notifications.h"

#include <nlohmann/json.hpp>

namespace unbroken {

std::vector<AlertNotification> parse_alert_notifications(const std::string& body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_array()) {
    throw BackendError("webhook receiver: /notifications is not a JSON list: " +
                       body.substr(0, 200));
  }
  std::vector<AlertNotification> result;
  try {
    for (const auto& entry : doc) {
      AlertNotification n;
      n.received_at = TimePoint(Millis(entry.at("received_at_ms").get<std::int64_t>()));
      const auto& notification = entry.at("notification");
      n.status = notification.value("status", "");
      for (const auto& alert : notification.value("alerts", nlohmann::json::array())) {
        n.alerts.push_back({alert.value("status", ""),
                            alert.value("labels", nlohmann::json::object()).get<Labels>()});
      }
      result.push_back(std::move(n));
    }
  } catch (const nlohmann::json::exception& e) {
    throw BackendError(std::string("webhook receiver: a notification of another shape: ") +
                       e.what());
  }
  return result;
}

std::string alert_key(const NotifiedAlert& alert) {
  return format_labels(alert.labels);
}

}  // namespace unbroken
