import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_PATTERN } from '../idempotency/idempotency.interceptor.js';

type Operation = {
  parameters?: Array<{ name?: string; in?: string; $ref?: string }>;
  responses?: Record<string, { description?: string; headers?: Record<string, unknown>; content?: unknown }>;
  'x-idempotent'?: boolean;
};

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } };

/**
 * Every POST takes `Idempotency-Key` (the IdempotencyInterceptor): each such operation of the
 * document gets the header (unless the route describes its own), the `Idempotent-Replayed`
 * header on its success answers, and the 409 and 422 the key can cause. Routes marked
 * `@NotIdempotent()` (x-idempotent: false) are left as they are.
 */
export function documentIdempotency(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    const operation = (item as { post?: Operation }).post;
    if (!operation) continue;
    if (operation['x-idempotent'] === false) {
      delete operation['x-idempotent'];
      continue;
    }
    operation.parameters ??= [];
    const own = operation.parameters.find((p) => p.in === 'header' && p.name?.toLowerCase() === 'idempotency-key');
    const parameter = {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Retry-safe key, per API key: a retry with the same key and body gets the first answer (and makes nothing new); ' +
        'the same key with another body is refused with 422',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source, minLength: 8, maxLength: 128 },
    };
    if (own)
      Object.assign(own, {
        ...parameter,
        description: (own as { description?: string }).description ?? parameter.description,
      });
    else operation.parameters.push(parameter);
    operation.responses ??= {};
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!status.startsWith('2')) continue;
      response.headers = {
        ...response.headers,
        'Idempotent-Replayed': {
          description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
          schema: { type: 'string', enum: ['true'] },
        },
      };
    }
    const conflict = operation.responses['409'];
    operation.responses['409'] = {
      description: [
        conflict?.description,
        'IDEMPOTENCY_IN_PROGRESS: a request with this Idempotency-Key is still running (Retry-After says when to retry)',
      ]
        .filter(Boolean)
        .join('; or '),
      content: PROBLEM,
    };
    const unprocessable = operation.responses['422'];
    operation.responses['422'] = {
      description: [
        unprocessable?.description,
        'IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was used for another request',
      ]
        .filter(Boolean)
        .join('; or '),
      content: PROBLEM,
    };
  }
  return document;
}
