import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's security headers on every HTTP edge (the gateway, the scanner API, each /health):
 * no sniffing, no framing, HSTS, no referrer, and a content security policy that lets the
 * gateway's /docs page load its own scripts and styles and nothing else.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
      },
    },
  });
}
