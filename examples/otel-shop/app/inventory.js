// inventory: POST /reserve {"order": N, "sku": S, "quantity": Q} reserves stock and answers
// 200 with the reservation. One log line per reservation. Always ready once it listens.
'use strict';

const { trace } = require('@opentelemetry/api');
const { createLogger } = require('./logger');
const { serve } = require('./http_service');

const log = createLogger('inventory');
let reserved = 0;

async function reserve(req, body) {
  const item = JSON.parse(body);
  trace.getActiveSpan()?.setAttribute('shop.order', String(item.order));
  reserved += item.quantity;
  log.info('stock reserved', { order: item.order, sku: item.sku, quantity: item.quantity });
  return [200, { order: item.order, sku: item.sku, reserved: item.quantity }];
}

serve(Number(process.env.PORT || 8080), { 'POST /reserve': reserve }, async () => [200, 'ready\n']);
log.info('inventory listening', { reservedSoFar: reserved });
