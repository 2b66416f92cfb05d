import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { runWithContext } from '../context/request-context.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every HTTP request a request id (the caller's X-Request-Id when sane) and runs it in that context. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  runWithContext({ requestId }, () => next());
}
