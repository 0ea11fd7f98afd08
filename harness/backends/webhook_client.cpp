#include "harness/backends/webhook_client.h"

#include <fmt/format.h>

#include "harness/backends/backend_query.h"

namespace unbroken {

std::vector<AlertNotification> WebhookClient::notifications() const {
  return asking("the webhook receiver", "its notifications", [&] {
    const auto response = http_.get(base_url_, "/notifications", {}, Millis(10'000));
    if (response.status != 200) {
      throw BackendError(fmt::format("GET /notifications answered {}", response.status));
    }
    return parse_alert_notifications(response.body);
  });
}

}  // namespace unbroken
