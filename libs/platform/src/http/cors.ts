import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Headers a browser client sends beyond the simple ones. */
const ALLOWED_HEADERS = [
  'Content-Type',
  'X-Api-Key',
  'Authorization',
  'Idempotency-Key',
  'If-Match',
  'If-None-Match',
  'X-Request-Id',
];
/** Headers of our answers a browser client may read. */
const EXPOSED_HEADERS = [
  'X-Request-Id',
  'Location',
  'ETag',
  'Link',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Content-Disposition',
];

/** `CORS_ALLOWED_ORIGINS` as a list: origins separated by commas. */
export function allowedOrigins(value: string): string[] {
  return value
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

/**
 * Browser access for the origins listed (CORS_ALLOWED_ORIGINS): preflights answered with the
 * methods and headers the API uses and the answer headers a client needs exposed. A preflight
 * from any other origin is refused with 403 problem+json; a simple request from one gets no CORS
 * headers, so the browser keeps the answer from the page.
 */
export function enableCors(app: INestApplication, origins: readonly string[]): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    const origin = req.header('origin');
    if (req.method !== 'OPTIONS' || !origin || !req.header('access-control-request-method')) return next();
    if (origins.includes(origin)) return next();
    res
      .status(403)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'urn:o2c:error:forbidden',
          title: 'Forbidden',
          status: 403,
          detail: `Origin ${origin.slice(0, 200)} may not call this API from a browser (CORS_ALLOWED_ORIGINS)`,
          code: 'FORBIDDEN',
          instance: req.originalUrl,
        }),
      );
  });
  app.enableCors({
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}
