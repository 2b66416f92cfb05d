import type { NextFunction, Request, Response } from 'express';
import type { FieldError } from '#contracts';
import { validationFailed } from '../errors/validation.js';

/** How deep a JSON body or a query may nest objects and arrays; no request of the API needs more than a few. */
export const MAX_INPUT_DEPTH = 32;
/** A refused request names at most this many fields. */
const MAX_REPORTED = 20;

type Segment = string | number;

/** `lines[0].name` from its segments, as validation errors name fields. */
function fieldName(path: readonly Segment[]): string {
  return path
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('')
    .replace(/\u0000/g, '\\u0000');
}

/**
 * What no service can store, anywhere in a parsed body or query: a NUL character (`\u0000`)
 * in a string or a key (Postgres text and jsonb cannot hold it), and nesting deeper than
 * MAX_INPUT_DEPTH. Walks the value without recursion, so a hostile depth cannot overflow the stack.
 */
export function unstorableInput(value: unknown, root: readonly Segment[] = []): FieldError[] {
  const found: FieldError[] = [];
  const stack: Array<{ value: unknown; path: readonly Segment[] }> = [{ value, path: root }];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const { value: node, path } = stack.pop()!;
    const last = path[path.length - 1];
    const name = last === undefined ? 'the body' : typeof last === 'number' ? fieldName(path) : last;
    if (typeof node === 'string') {
      if (node.includes('\u0000'))
        found.push({ field: fieldName(path), problems: [`${name} must not contain NUL characters (\\u0000)`] });
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (path.length - root.length >= MAX_INPUT_DEPTH) {
      found.push({ field: fieldName(path), problems: [`${name} is nested deeper than ${MAX_INPUT_DEPTH} levels`] });
      continue;
    }
    const entries: Array<[Segment, unknown]> = Array.isArray(node)
      ? node.map((item, index): [Segment, unknown] => [index, item])
      : Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i];
      if (typeof key === 'string' && key.includes('\u0000')) {
        found.push({
          field: fieldName([...path, key]),
          problems: [`the name of ${fieldName([...path, key])} must not contain NUL characters (\\u0000)`],
        });
        continue;
      }
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return found;
}

/** The path's segments as decoded, or undefined when one is not valid percent-encoding (the router answers that). */
function decodedPath(path: string): string[] | undefined {
  try {
    return path.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

/**
 * Every HTTP request passes this before a route sees it: a NUL character anywhere in the
 * path, the query or a JSON body, or a body nested deeper than MAX_INPUT_DEPTH, is refused
 * with 400 VALIDATION_FAILED naming the field, even where a contract field missed the rule.
 */
export function inputGuardMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const problems: FieldError[] = [];
  if (decodedPath(req.path)?.some((segment) => segment.includes('\u0000')))
    problems.push({ field: 'path', problems: ['the path must not contain NUL characters (\\u0000)'] });
  problems.push(...unstorableInput(req.query as unknown));
  const body: unknown = req.body;
  if (typeof body === 'object' && body !== null) problems.push(...unstorableInput(body));
  if (problems.length > 0) throw validationFailed(problems.slice(0, MAX_REPORTED));
  next();
}
