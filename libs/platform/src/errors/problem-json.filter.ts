import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { Response, Request } from 'express';
import { type Observable, throwError } from 'rxjs';
import { type ErrorCode, ErrorHttpStatus, type ErrorPayload } from '#contracts';
import { currentContext } from '../context/request-context.js';
import { DomainError } from './domain-error.js';
import { toErrorPayload } from './error-payload.js';
import { RETRY_AFTER_SECONDS } from './unavailable.js';
import { allowedMethods } from '../http/routes.js';

/**
 * The one exception filter of every service. Over NATS it answers an ErrorPayload; over
 * HTTP it answers RFC 9457 application/problem+json:
 * `{ type, title, status, detail, code, errors?, requestId, instance }`.
 */
@Catch()
export class ProblemJsonFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() === 'rpc') return throwError(() => toErrorPayload(exception, this.logger));
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    // The router's 404 for a path that has routes, only not for this method: 405 with Allow.
    const allow = exception instanceof NotFoundException ? allowedMethods(request) : [];
    if (allow.length > 0) {
      response.setHeader('Allow', allow.join(', '));
      exception = new DomainError(
        'METHOD_NOT_ALLOWED',
        `${request.method} is not allowed on ${request.path}; allowed: ${allow.join(', ')}`,
      );
    }
    const payload = httpErrorPayload(exception, this.logger);
    // Nest's own HTTP exceptions (404 route, 413 body too large, …) keep their status.
    const status = exception instanceof HttpException ? exception.getStatus() : ErrorHttpStatus[payload.code];
    const details = payload.details as { fields?: unknown } | undefined;
    const body: Record<string, unknown> = {
      type: `urn:o2c:error:${payload.code.toLowerCase().replace(/_/g, '-')}`,
      title: titleFor(payload.code),
      status,
      detail: payload.message,
      code: payload.code,
      requestId: currentContext()?.requestId ?? (response.getHeader('X-Request-Id') as string | undefined),
      instance: request.originalUrl ?? request.url,
    };
    if (details?.fields) body.errors = details.fields;
    else if (payload.details !== undefined) body.details = payload.details;
    const wait = retryAfter(payload, status);
    if (wait !== null) response.setHeader('Retry-After', String(wait));
    response.status(status).type('application/problem+json').send(JSON.stringify(body));
  }
}

function httpErrorPayload(exception: unknown, logger: Logger): ErrorPayload {
  if (exception instanceof HttpException && !(exception instanceof DomainError)) {
    const status = exception.getStatus();
    const code: ErrorCode =
      status === 401
        ? 'UNAUTHENTICATED'
        : status === 403
          ? 'FORBIDDEN'
          : status === 404
            ? 'NOT_FOUND'
            : status >= 500
              ? 'INTERNAL'
              : 'VALIDATION_FAILED';
    const body = exception.getResponse() as { message?: string | string[] } | string;
    const message =
      typeof body === 'string'
        ? body
        : Array.isArray(body.message)
          ? body.message.join('; ')
          : (body.message ?? exception.message);
    return { code, message };
  }
  return toErrorPayload(exception, logger);
}

/**
 * Seconds a client should wait before retrying: what the error's details say (a lease, a rate
 * limit), else a short default for 503 and 429; null when a retry would not help.
 */
function retryAfter(payload: ErrorPayload, status: number): number | null {
  const seconds = (payload.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds > 0) return seconds;
  return status === 503 || status === 429 ? RETRY_AFTER_SECONDS : null;
}

function titleFor(code: ErrorCode): string {
  const text = code.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
