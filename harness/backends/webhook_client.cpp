#include "harness/backends/webhook_client.h"

#include <fmt/format.h>

namespace unbroken {

std::vector<AlertNotification> WebhookClient::notifications() const {
  const auto response = http_.get(base_url_, "/notifications", {}, Millis(10'000));
  if (response.status != 200) {
    throw BackendError(
        fmt::format("webhook receiver: GET /notifications answered {}", response.status));
  }
  return parse_alert_notifications(response.body);
}

}  // namespace unbroken
