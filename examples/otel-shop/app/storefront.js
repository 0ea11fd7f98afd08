// storefront: the shop's entry point. POST /checkout {"order": N, "sku": S} reserves the item
// at inventory (INVENTORY_URL) and answers 201 with the reservation, or 502 when inventory
// does not answer 200. One log line per checkout. /readyz is 503 while inventory's /healthz
// does not answer: storefront cannot serve without it.
//
// Seeded defect: SHOP_DEFECTS=untraced_log=<order> writes that order's line outside its span,
// so the line carries no trace id.
'use strict';

const { context, trace, ROOT_CONTEXT } = require('@opentelemetry/api');
const { createLogger } = require('./logger');
const { serve, callJson } = require('./http_service');
const { defect } = require('./defects');

const log = createLogger('storefront');
const inventory = process.env.INVENTORY_URL || 'http://inventory:8080';
const untracedOrder = defect('untraced_log');

async function checkout(req, body) {
  let order;
  try {
    order = JSON.parse(body);
  } catch (err) {
    return [400, { error: `body is not JSON: ${err.message}` }];
  }
  trace.getActiveSpan()?.setAttribute('shop.order', String(order.order));
  const answer = await callJson(`${inventory}/reserve`, 'POST',
    { order: order.order, sku: order.sku, quantity: 1 }, 1000).catch((err) => ({ error: err.message }));
  if (answer.status !== 200) {
    log.warn('checkout failed', { order: order.order, inventory: answer.status ?? answer.error });
    return [502, { error: 'inventory did not reserve the item' }];
  }
  const line = () => log.info('checkout placed', { order: order.order, sku: order.sku });
  if (String(order.order) === untracedOrder) context.with(ROOT_CONTEXT, line);
  else line();
  return [201, JSON.parse(answer.body)];
}

async function readyz() {
  const answer = await callJson(`${inventory}/healthz`, 'GET', undefined, 500).catch(() => null);
  return answer && answer.status === 200 ? [200, 'ready\n'] : [503, 'inventory unreachable\n'];
}

serve(Number(process.env.PORT || 8080), { 'POST /checkout': checkout }, readyz);
log.info('storefront listening', { inventory });
