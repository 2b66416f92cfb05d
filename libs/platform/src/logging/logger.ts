import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { currentContext } from '../context/request-context.js';

/** Structured pino logs; every line carries the service name and the current request id. */
export function loggerParams(service: string, level: string, logHttp: boolean): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      autoLogging: logHttp ? { ignore: (req: IncomingMessage) => req.url === '/health' } : false,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = currentContext()?.requestId ?? (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      mixin: () => {
        const context = currentContext();
        return context ? { requestId: context.requestId, actor: context.caller?.actorId } : {};
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
