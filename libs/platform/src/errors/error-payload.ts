import { HttpException, type Logger } from '@nestjs/common';
import type { ErrorPayload } from '#contracts';
import { DomainError } from './domain-error.js';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable.js';

/** Turns anything a handler throws into an ErrorPayload. Unexpected errors are logged, not leaked. */
export function toErrorPayload(exception: unknown, logger?: Logger): ErrorPayload {
  if (exception instanceof DomainError) return exception.toPayload();
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return { code: 'NOT_FOUND', message: exception.message };
    if (status === 403) return { code: 'FORBIDDEN', message: exception.message };
    if (status === 401) return { code: 'UNAUTHENTICATED', message: exception.message };
    if (status < 500) return { code: 'VALIDATION_FAILED', message: exception.message };
  }
  if (isDatabaseUnavailable(exception)) {
    logger?.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    return databaseUnavailable().toPayload();
  }
  logger?.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { code: 'INTERNAL', message: 'Internal error; see the service log' };
}
