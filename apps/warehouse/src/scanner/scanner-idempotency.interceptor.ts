import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { currentContext, DomainError, rows } from '#platform';
import { type ScannerIdempotencyState, scannerIdempotencyState } from './scanner-idempotency.machine.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
/**
 * How long an in-progress key is held before a retry may take it over: far longer than a pick,
 * pack or ship takes (one transaction), so only an attempt whose process died is ever run again.
 */
export const SCANNER_IDEMPOTENCY_LEASE_MS = 30_000;

interface ScannerIdempotencyRow {
  request_hash: string;
  state: ScannerIdempotencyState;
  status_code: number | null;
  response: unknown;
  /** Seconds left on an in-progress record's lease (0 when it has run out). */
  lease_left: number | null;
}

/**
 * Makes a scanner command safe to retry. With an `Idempotency-Key` header, the first request
 * runs and its answer is stored (per API key); a retry with the same key and body gets that
 * answer again (header `Idempotent-Replayed: true`) instead of the 409 a second pick, pack or
 * ship would be, a retry with another body gets 422 IDEMPOTENCY_KEY_REUSED, and one that
 * arrives while the first still runs gets 409 IDEMPOTENCY_IN_PROGRESS with Retry-After. A
 * failed command frees the key. Runs after the scanner guard, so the caller is known.
 */
@Injectable()
export class ScannerIdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('ScannerIdempotency');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.header('idempotency-key');
    if (key === undefined) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'Idempotency-Key must be 8-128 letters, digits, dot, dash, underscore or colon',
        {
          fields: [
            { field: 'Idempotency-Key', problems: ['must be 8-128 letters, digits, dot, dash, underscore or colon'] },
          ],
        },
      );
    }
    return from(this.run(key, request, context.switchToHttp().getResponse<Response>(), next));
  }

  private async run(key: string, request: Request, response: Response, next: CallHandler): Promise<unknown> {
    const actor = currentContext()?.caller?.actorId ?? 'anonymous';
    const hash = createHash('sha256')
      .update(`${request.method} ${request.path}\n${JSON.stringify(request.body ?? {})}`)
      .digest('hex');
    // Claim the key, or take over an in-progress one whose lease ran out (same request only).
    const claimed = await rows<{ key: string }>(
      this.dataSource,
      `INSERT INTO warehouse.scanner_idempotency AS i (actor_id, key, method, path, request_hash, state, lease_until)
       VALUES ($1, $2, $3, $4, $5, 'IN_PROGRESS', now() + make_interval(secs => $6::int / 1000.0))
       ON CONFLICT (actor_id, key) DO UPDATE SET lease_until = EXCLUDED.lease_until, attempts = i.attempts + 1
        WHERE i.state = 'IN_PROGRESS' AND i.request_hash = EXCLUDED.request_hash AND i.lease_until < now()
       RETURNING key`,
      [actor, key, request.method, request.path, hash, SCANNER_IDEMPOTENCY_LEASE_MS],
    );
    if (claimed.length === 0) return this.replay(actor, key, hash, response);
    let result: unknown;
    try {
      result = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.release(actor, key);
      throw error;
    }
    const done = await rows(
      this.dataSource,
      `UPDATE warehouse.scanner_idempotency SET state = 'DONE', status_code = $3, response = $4, lease_until = NULL
        WHERE actor_id = $1 AND key = $2 AND state = ANY($5::text[]) RETURNING key`,
      [actor, key, response.statusCode, JSON.stringify(result ?? null), scannerIdempotencyState.into('DONE')],
    );
    if (done.length === 0)
      this.logger.warn(
        `Idempotency-Key ${key} of ${actor} was no longer in progress when this attempt finished; the answer stored first stays`,
      );
    return result;
  }

  /** Frees the key after a failed command so the scanner can retry at once; if that fails, the lease frees it. */
  private async release(actor: string, key: string): Promise<void> {
    try {
      await this.dataSource.query(
        `DELETE FROM warehouse.scanner_idempotency WHERE actor_id = $1 AND key = $2 AND state = 'IN_PROGRESS'`,
        [actor, key],
      );
    } catch (error) {
      this.logger.warn(`could not free Idempotency-Key ${key}; its lease frees it: ${(error as Error).message}`);
    }
  }

  private async replay(actor: string, key: string, hash: string, response: Response): Promise<unknown> {
    const [record] = await rows<ScannerIdempotencyRow>(
      this.dataSource,
      `SELECT request_hash, state, status_code, response,
              GREATEST(0, ceil(extract(epoch FROM lease_until - now())))::int AS lease_left
         FROM warehouse.scanner_idempotency WHERE actor_id = $1 AND key = $2`,
      [actor, key],
    );
    if (!record) {
      throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key just failed; retry it', {
        retryAfterSeconds: 1,
      });
    }
    if (record.request_hash !== hash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
    }
    if (record.state === 'IN_PROGRESS') {
      throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed', {
        retryAfterSeconds: Math.max(1, record.lease_left ?? 1),
      });
    }
    response.status(record.status_code ?? 200);
    response.setHeader('Idempotent-Replayed', 'true');
    return record.response;
  }
}
