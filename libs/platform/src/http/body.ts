import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { Observable } from 'rxjs';
import { DomainError } from '../errors/domain-error.js';

/** Largest JSON body: an order of thousands of lines is one body, under NATS's 8 MB message limit. */
export const MAX_JSON_BODY = '8mb';
const JSON_TYPES = ['application/json', 'application/*+json'];
/** Where @nestjs/swagger's @ApiConsumes keeps the media types a route takes. */
const API_CONSUMES = 'swagger/apiConsumes';

const parseJson = json({ limit: MAX_JSON_BODY, type: JSON_TYPES });
const BODY_ERROR = Symbol('bodyError');
type WithBodyError = Request & { [BODY_ERROR]?: DomainError };

/** What a failed read of a JSON body answers. */
function bodyProblem(error: unknown): DomainError {
  const { type, message } = error as { type?: string; message?: string };
  if (type === 'entity.too.large')
    return new DomainError('PAYLOAD_TOO_LARGE', `The body is larger than the ${MAX_JSON_BODY} a request may carry`);
  if (type === 'charset.unsupported' || type === 'encoding.unsupported')
    return new DomainError('UNSUPPORTED_MEDIA_TYPE', `The body's encoding is not supported: ${message ?? type}`);
  if (type === 'entity.parse.failed')
    return new DomainError('MALFORMED_BODY', `The body is not valid JSON: ${message ?? 'unreadable'}`);
  return new DomainError('MALFORMED_BODY', `The body could not be read: ${message ?? String(error)}`);
}

/**
 * Reads a JSON body, after the request has its id (so that a refusal carries it and is logged
 * like any other request). A body that cannot be read is answered, once the route is known, by
 * MediaTypeInterceptor as problem+json: 400 MALFORMED_BODY, 413 PAYLOAD_TOO_LARGE or 415.
 */
export function jsonBodyMiddleware(req: Request, res: Response, next: NextFunction): void {
  parseJson(req, res, (error?: unknown) => {
    if (error) (req as WithBodyError)[BODY_ERROR] = bodyProblem(error);
    next();
  });
}

function mediaType(request: Request): string {
  return (request.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

function hasBody(request: Request): boolean {
  const length = request.header('content-length');
  return (length !== undefined && length !== '0') || request.header('transfer-encoding') !== undefined;
}

const isJson = (type: string) => type === 'application/json' || /^application\/[^/]+\+json$/.test(type);

/**
 * Before any handler: the problem with a body that could not be read, and 415
 * UNSUPPORTED_MEDIA_TYPE for a body a route does not take: JSON unless the route's @ApiConsumes
 * lists other types (an order file as text/csv, a spreadsheet).
 */
@Injectable()
export class MediaTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<WithBodyError>();
    const unreadable = request[BODY_ERROR];
    if (unreadable) throw unreadable;
    if (!hasBody(request)) return next.handle();
    const accepted = this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES, [
      context.getHandler(),
      context.getClass(),
    ]) ?? ['application/json'];
    const type = mediaType(request);
    if (accepted.includes(type) || (isJson(type) && accepted.includes('application/json'))) return next.handle();
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${type ? `Content-Type ${type}` : 'A body without a Content-Type'} is not accepted here; send ${accepted.join(' or ')}`,
      { accepted },
    );
  }
}
