// What both services share: a plain node:http server with JSON bodies, prom-client's
// http_requests_total{route, method, code} and the process's default metrics on /metrics,
// and a liveness endpoint /healthz. Each service adds its routes and its /readyz.
'use strict';

const http = require('node:http');
const client = require('prom-client');

client.collectDefaultMetrics();
const requests = new client.Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by route, method and status code',
  labelNames: ['route', 'method', 'code'],
});

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, code, body) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}

// Serves `routes` ({'METHOD /path': async (req, body) => [code, body]}) on `port`.
// Unknown routes answer 404; a handler that throws answers 500.
function serve(port, routes, readyz) {
  const all = {
    'GET /healthz': async () => [200, 'ok\n'],
    'GET /readyz': readyz,
    'GET /metrics': async () => [200, await client.register.metrics()],
    ...routes,
  };
  const server = http.createServer(async (req, res) => {
    const route = req.url.split('?')[0];
    const handler = all[`${req.method} ${route}`];
    let code = 404;
    let body = 'not found\n';
    try {
      if (handler) [code, body] = await handler(req, await readBody(req));
    } catch (err) {
      code = 500;
      body = `${err.message}\n`;
    }
    if (route === '/metrics' && code === 200) {
      res.writeHead(200, { 'Content-Type': client.register.contentType });
      res.end(body);
    } else {
      send(res, code, body);
    }
    requests.inc({ route: handler ? route : 'other', method: req.method, code: String(code) });
  });
  server.keepAliveTimeout = 65000;
  server.listen(port);
  process.once('SIGINT', () => server.close(() => process.exit(0)));
  return server;
}

// Calls another service with a JSON body; resolves {status, body}, rejects on no answer.
function callJson(url, method, payload, timeoutMs) {
  return new Promise((resolve, reject) => {
    const data = payload === undefined ? undefined : JSON.stringify(payload);
    const req = http.request(url, {
      method,
      timeout: timeoutMs,
      headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {},
    }, (res) => {
      readBody(res).then((body) => resolve({ status: res.statusCode, body }), reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

module.exports = { serve, callJson };
