// The services' logger: winston, JSON lines, shipped to Loki by winston-loki (LOKI_URL) and
// echoed to stdout. The stream carries the labels {service, level}; each line is the record
// as JSON, with trace_id and span_id added by the OpenTelemetry winston instrumentation when
// it is written inside a span. winston-loki batches every second and keeps a batch whose push
// failed, trying again after its circuit breaker (60 s) — its own behaviour, left as it is.
'use strict';

const winston = require('winston');
const LokiTransport = require('winston-loki');

function createLogger(service) {
  const transports = [new winston.transports.Console()];
  if (process.env.LOKI_URL) {
    transports.push(new LokiTransport({
      host: process.env.LOKI_URL,
      labels: { service },
      json: true,
      batching: true,
      interval: 1,
      timeout: 5000,
      format: winston.format.json(),
      onConnectionError: (err) => console.error(`loki push failed: ${err.message}`),
    }));
  }
  return winston.createLogger({
    level: 'info',
    format: winston.format.json(),
    defaultMeta: { service },
    transports,
  });
}

module.exports = { createLogger };
