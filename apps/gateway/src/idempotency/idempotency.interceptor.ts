import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable, of } from 'rxjs';
import type { DataSource } from 'typeorm';
import { currentContext, DomainError, rows } from '#platform';

const IDEMPOTENT = 'o2c:idempotent';
const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** Marks a POST route that honours the `Idempotency-Key` header. */
export const Idempotent = () => SetMetadata(IDEMPOTENT, true);

interface Record {
  request_hash: string;
  state: 'IN_PROGRESS' | 'DONE';
  status_code: number | null;
  response: unknown;
}

/**
 * With an `Idempotency-Key`, the first request runs and its answer is stored; a retry
 * with the same key and body gets the same answer (header `Idempotent-Replayed: true`),
 * a retry with another body gets 422, and one that arrives while the first still runs
 * gets 409. Failed requests free the key. The key also travels to the service (scoped
 * by caller), which stores it with what it creates, so even a request that timed out at
 * the gateway is not done twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.reflector.get<boolean>(IDEMPOTENT, context.getHandler()))
      return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
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
    const claimed = await rows(
      this.dataSource,
      `INSERT INTO gateway.idempotency (actor_id, key, method, path, request_hash, state) VALUES ($1, $2, $3, $4, $5, 'IN_PROGRESS')
       ON CONFLICT DO NOTHING RETURNING key`,
      [actor, key, request.method, request.path, hash],
    );
    if (claimed.length === 0) return this.replay(actor, key, hash, response);
    requestContext.idempotencyKey = `${actor}:${key}`;
    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.dataSource.query(
        `UPDATE gateway.idempotency SET state = 'DONE', status_code = $3, response = $4 WHERE actor_id = $1 AND key = $2`,
        [actor, key, response.statusCode, JSON.stringify(result ?? null)],
      );
      return result;
    } catch (error) {
      await this.dataSource.query(`DELETE FROM gateway.idempotency WHERE actor_id = $1 AND key = $2`, [actor, key]);
      throw error;
    }
  }

  private async replay(actor: string, key: string, hash: string, response: Response): Promise<unknown> {
    const [record] = await rows<Record>(
      this.dataSource,
      `SELECT * FROM gateway.idempotency WHERE actor_id = $1 AND key = $2`,
      [actor, key],
    );
    if (!record)
      throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key just failed; retry it');
    if (record.request_hash !== hash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
    }
    if (record.state === 'IN_PROGRESS') {
      throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed');
    }
    response.status(record.status_code ?? 200);
    response.setHeader('Idempotent-Replayed', 'true');
    return lastValueFrom(of(record.response));
  }
}
