import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import type { NextFunction, Request, Response } from 'express';
import { platformTracer } from './tracing.js';

/** Polled by orchestrators and Prometheus: a trace per poll would bury the real ones. */
const UNTRACED = /^\/(health|metrics)(\/|\?|$)/;

/**
 * A server span per HTTP request, child of the caller's `traceparent` when it sends one, named
 * `METHOD /route/:template` once the route is known (just `METHOD` for a path no route serves),
 * with the status code and the request id of the log lines. Runs the rest of the request with the
 * span active, so the NATS requests it makes carry it on. A no-op while tracing is off.
 */
export function httpTracingMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (UNTRACED.test(req.originalUrl)) return next();
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = platformTracer().startSpan(
    req.method,
    {
      kind: SpanKind.SERVER,
      attributes: { [ATTR_HTTP_REQUEST_METHOD]: req.method, [ATTR_URL_PATH]: req.originalUrl.split('?')[0] },
    },
    parent,
  );
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    // Express sets req.route when a route matched; it is still there when the response is done.
    const route = (req.route as { path?: unknown } | undefined)?.path;
    if (typeof route === 'string') {
      const template = `${req.baseUrl}${route}`;
      span.updateName(`${req.method} ${template}`);
      span.setAttribute(ATTR_HTTP_ROUTE, template);
    }
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
    const requestId = res.getHeader('x-request-id');
    if (typeof requestId === 'string') span.setAttribute('http.response.header.x-request-id', [requestId]);
    if (!res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR, message: 'connection closed early' });
    else if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  res.once('finish', end);
  res.once('close', end);
  context.with(trace.setSpan(parent, span), next);
}
