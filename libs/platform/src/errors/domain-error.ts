import type { ErrorCode, ErrorPayload } from '#contracts';

/** An expected failure with a code from contracts; crosses NATS as an ErrorPayload. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static from(payload: ErrorPayload): DomainError {
    return new DomainError(payload.code, payload.message, payload.details);
  }
}

/** Thrown by an event handler that cannot apply an event yet (for example its order is not known yet). */
export class RetryLaterError extends DomainError {
  constructor(message: string) {
    super('RETRY_LATER', message);
  }
}
