// OpenTelemetry for both services, loaded before anything else (`node --require ./tracing.js`):
// the JS SDK's NodeTracerProvider with the W3C trace-context propagator, a BatchSpanProcessor
// (queue 2048, batch 512; its schedule delay from OTEL_BSP_SCHEDULE_DELAY) and the OTLP/HTTP
// exporter (OTEL_EXPORTER_OTLP_ENDPOINT). The http instrumentation continues the caller's
// `traceparent` and propagates it downstream; the winston instrumentation writes trace_id and
// span_id into every log record made inside a span. This is the SDK's own behaviour: nothing
// here encodes, batches or retries by hand.
//
// Seeded defect (for unbroken's own defect tests, never set in normal use):
//   SHOP_DEFECTS=unexported_span=<order>  the spans that carry that order (each service's
//                                         server span) end but never reach the exporter.
'use strict';

const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { WinstonInstrumentation } = require('@opentelemetry/instrumentation-winston');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { ATTR_SERVICE_NAME } = require('@opentelemetry/semantic-conventions');
const { defect } = require('./defects');

const serviceName = process.env.OTEL_SERVICE_NAME || 'otel-shop';
const batches = new BatchSpanProcessor(new OTLPTraceExporter(), {
  maxQueueSize: 2048,
  maxExportBatchSize: 512,
});

// Drops the one span the seeded defect names; every other span goes to the batch processor.
const unexportedOrder = defect('unexported_span');
const processor = unexportedOrder === undefined ? batches : {
  onStart: (span, context) => batches.onStart(span, context),
  onEnd: (span) => {
    if (String(span.attributes['shop.order']) === unexportedOrder) return;
    batches.onEnd(span);
  },
  forceFlush: () => batches.forceFlush(),
  shutdown: () => batches.shutdown(),
};

const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
  spanProcessors: [processor],
});
provider.register();

registerInstrumentations({
  instrumentations: [
    new HttpInstrumentation({
      // Health probes and scrapes are not the shop's traffic.
      ignoreIncomingRequestHook: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url),
      // Only calls made while serving a request are traced: winston-loki's pushes and the
      // readiness probe's call would otherwise each start a trace of their own.
      requireParentforOutgoingSpans: true,
    }),
    new WinstonInstrumentation({ disableLogSending: true }),
  ],
});

// Spans still queued are exported before the process exits on SIGTERM.
process.once('SIGTERM', () => {
  provider.shutdown().finally(() => process.exit(0));
});
