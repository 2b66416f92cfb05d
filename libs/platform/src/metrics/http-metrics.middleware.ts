import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Metrics } from './metrics.js';

/** The `route` of a request no route served (a 404, a refusal before routing). */
export const UNMATCHED = 'unmatched';

/**
 * The route pattern that served a request (`/orders/:id`, never `/orders/42`, so the label has as
 * many values as the app has routes), or `unmatched`. Express sets `req.route` when a route
 * matched, and it is still there once the answer is sent.
 */
export function routeLabel(req: Pick<Request, 'baseUrl' | 'route'>): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return UNMATCHED;
  return `${req.baseUrl ?? ''}${path}` || '/';
}

/**
 * Counts and times every HTTP request once its answer is finished (or the connection closed
 * first): http_requests_total and http_request_duration_seconds.
 */
export function httpMetricsMiddleware(metrics: Metrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpDuration.startTimer();
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      const labels = { method: req.method, route: routeLabel(req) };
      metrics.httpRequests.inc({ ...labels, status_code: String(res.statusCode) });
      stop(labels);
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };
}
