import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable, of } from 'rxjs';
import type { DataSource } from 'typeorm';
import { currentContext, DomainError, rows, SERVICE_CONFIG } from '#platform';
import type { GatewayConfig } from '../config.js';
import { type IdempotencyState, idempotencyState } from './idempotency.machine.js';

const NOT_IDEMPOTENT = 'o2c:not-idempotent';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
const KEY_PATTERN = IDEMPOTENCY_KEY_PATTERN;

/**
 * Every `POST` of the gateway honours `Idempotency-Key`; this marks the few that change nothing
 * (a price quote) and so have nothing to replay. The OpenAPI document leaves the header off them.
 */
export const NotIdempotent = () =>
  applyDecorators(SetMetadata(NOT_IDEMPOTENT, true), ApiExtension('x-idempotent', false));

interface IdempotencyRow {
  request_hash: string;
  state: IdempotencyState;
  status_code: number | null;
  response: unknown;
  /** Seconds left on an in-progress record's lease (0 when it has run out). */
  lease_left: number | null;
}

/**
 * Every `POST` (creating or changing something) takes an optional `Idempotency-Key`.
 * With an `Idempotency-Key`, the first request runs and its answer is stored; a retry
 * with the same key and body gets the same answer (header `Idempotent-Replayed: true`),
 * a retry with another body gets 422, and one that arrives while the first still runs
 * gets 409 with Retry-After. Failed requests free the key. The key also travels to the
 * service (scoped by caller), which stores it with what it creates, so even a request that
 * timed out at the gateway is not done twice.
 *
 * An in-progress record is a lease (IDEMPOTENCY_LEASE_MS): when the attempt holding it died,
 * or the database failed before its outcome was recorded, a retry after the lease takes the
 * key over and runs again; orders then answers with the order the first attempt made.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly leaseMs: number;

  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) config: GatewayConfig,
  ) {
    // The lease must outlast the longest command, or a slow first attempt would be run twice.
    this.leaseMs = Math.max(config.IDEMPOTENCY_LEASE_MS, config.GATEWAY_COMMAND_TIMEOUT_MS + 5000);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method !== 'POST' || this.reflector.get<boolean>(NOT_IDEMPOTENT, context.getHandler()))
      return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
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
    return from(this.run(key, request, response, next));
  }

  private async run(key: string, request: Request, response: Response, next: CallHandler): Promise<unknown> {
    const requestContext = currentContext()!;
    const actor = requestContext.caller?.actorId ?? 'anonymous';
    const hash = createHash('sha256')
      .update(`${request.method} ${request.path}\n${JSON.stringify(request.body ?? {})}`)
      .digest('hex');
    // Claim the key, or take over an in-progress one whose lease ran out (same request only).
    const claimed = await rows<{ key: string }>(
      this.dataSource,
      `INSERT INTO gateway.idempotency AS i (actor_id, key, method, path, request_hash, state, lease_until)
       VALUES ($1, $2, $3, $4, $5, 'IN_PROGRESS', now() + make_interval(secs => $6::int / 1000.0))
       ON CONFLICT (actor_id, key) DO UPDATE SET lease_until = EXCLUDED.lease_until, attempts = i.attempts + 1
        WHERE i.state = 'IN_PROGRESS' AND i.request_hash = EXCLUDED.request_hash AND i.lease_until < now()
       RETURNING key`,
      [actor, key, request.method, request.path, hash, this.leaseMs],
    );
    if (claimed.length === 0) return this.replay(actor, key, hash, response);
    requestContext.idempotencyKey = `${actor}:${key}`;
    let result: unknown;
    try {
      result = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.release(actor, key);
      throw error;
    }
    const done = await rows(
      this.dataSource,
      `UPDATE gateway.idempotency SET state = 'DONE', status_code = $3, response = $4, lease_until = NULL
        WHERE actor_id = $1 AND key = $2 AND state = ANY($5::text[]) RETURNING key`,
      [actor, key, response.statusCode, JSON.stringify(result ?? null), idempotencyState.into('DONE')],
    );
    // A retry that took the key over after its lease ran out finished first: its answer is the one
    // kept for replays, and this one is not written over it. The work was not done twice (the
    // service holds the key too), so the caller still gets its answer; the log says what happened.
    if (done.length === 0)
      this.logger.warn(
        `Idempotency-Key ${key} of ${actor} was no longer in progress when this attempt finished (the ${idempotencyState.name} table allows into DONE only from IN_PROGRESS); the answer stored first stays`,
      );
    return result;
  }

  /**
   * Frees the key after a failed attempt so the client can retry at once. When even that fails
   * (the database is down) the lease frees it later; the client sees the attempt's own error.
   */
  private async release(actor: string, key: string): Promise<void> {
    try {
      await this.dataSource.query(
        `DELETE FROM gateway.idempotency WHERE actor_id = $1 AND key = $2 AND state = 'IN_PROGRESS'`,
        [actor, key],
      );
    } catch (error) {
      this.logger.warn(`could not free Idempotency-Key ${key}; its lease frees it: ${(error as Error).message}`);
    }
  }

  private async replay(actor: string, key: string, hash: string, response: Response): Promise<unknown> {
    const [record] = await rows<IdempotencyRow>(
      this.dataSource,
      `SELECT request_hash, state, status_code, response,
              GREATEST(0, ceil(extract(epoch FROM lease_until - now())))::int AS lease_left
         FROM gateway.idempotency WHERE actor_id = $1 AND key = $2`,
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
    return lastValueFrom(of(record.response));
  }
}
