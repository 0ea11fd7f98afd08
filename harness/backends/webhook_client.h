// WebhookClient: reads what the stack's webhook receiver (fixtures/webhook) was sent by
// Alertmanager. Throws TransportError when it does not answer, BackendError when it
// answers something else.
#pragma once

#include <string>
#include <vector>

#include "harness/backends/alert_notifications.h"
#include "harness/backends/http_transport.h"

namespace unbroken {

class WebhookClient {
 public:
  WebhookClient(HttpTransport& http, std::string base_url)
      : http_(http), base_url_(std::move(base_url)) {}
  std::vector<AlertNotification> notifications() const;

 private:
  HttpTransport& http_;
  std::string base_url_;
};

}  // namespace unbroken
