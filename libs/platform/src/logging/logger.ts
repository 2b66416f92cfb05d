import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { type Logger as Pino, pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { currentContext } from '../context/request-context.js';

/**
 * A service's structured logs: one pino logger per process, every line JSON with the service
 * name and the current request id and actor (from the request context, HTTP or NATS).
 */
export function createServiceLog(service: string, level: string): Pino {
  return pino({
    level,
    base: { service },
    mixin: () => {
      const context = currentContext();
      return context ? { requestId: context.requestId, actor: context.caller?.actorId } : {};
    },
  });
}

type NestLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's logger (`app.useLogger`) over the service's pino logger: `Logger.log(message, context)`
 * from any Nest class becomes `{"level":30,"context":"...","msg":"..."}`; an Error becomes `err`.
 */
export class ServiceLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: NestLevel, message: unknown, params: unknown[]): void {
    // Nest passes the context (the class name) last.
    const fields: Record<string, unknown> = {};
    let rest = params;
    if (params.length > 0) {
      fields.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    if (typeof message === 'object' && message !== null) {
      const merged = message instanceof Error ? { ...fields, err: message } : { ...fields, ...message };
      // logger.error({ ...fields }, 'message'): the message comes before the context.
      if (typeof rest[0] === 'string') this.pino[level](merged, rest[0], ...rest.slice(1));
      else this.pino[level](merged, message instanceof Error ? message.message : undefined);
    } else if (level === 'error' && rest.length === 1 && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0])) {
      // Nest's exception handlers call error(message, stack, context).
      const err = new Error(String(message));
      err.stack = rest[0];
      this.pino.error({ ...fields, err }, String(message));
    } else {
      this.pino[level](fields, String(message), ...rest);
    }
  }
}

/**
 * The HTTP request log (the gateway and the scanner API): one line per request when it ends,
 * with method, URL, status and time, under the request id the request-context middleware set.
 * Health polling (`/health…`) and Prometheus scrapes (`/metrics`) are not logged. Without `logHttp` no request gets a line.
 */
export function httpRequestLog(log: Pino, logHttp: boolean): (req: Request, res: Response, next: NextFunction) => void {
  const middleware = pinoHttp({
    logger: log,
    autoLogging: logHttp
      ? {
          ignore: (req: IncomingMessage) =>
            /^\/(health|metrics)(\/|\?|$)/.test((req as Request).originalUrl ?? req.url ?? ''),
        }
      : false,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = currentContext()?.requestId ?? (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return (req, res, next) => middleware(req, res, next);
}
