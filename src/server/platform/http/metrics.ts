import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of this process: Node defaults plus HTTP latency by route template. */
export function installMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'psq_' });
  const duration = new Histogram({
    name: 'psq_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'psq_http_server_errors_total',
    help: 'Responses with a 5xx status',
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route template, not the URL: ids must not explode the label cardinality.
    const route = request.routeOptions.url ?? 'not-found';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) errors.inc();
  });
  return registry;
}
