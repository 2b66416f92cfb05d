import {
  FACTS_PAGE_MAX,
  type FactsPage,
  type FactsPageRequest,
  PAGE_LIMIT_DEFAULT,
  PAGE_LIMIT_MAX,
  PAGE_OFFSET_MAX,
  type Page,
} from '#contracts';
import { DomainError } from '../errors/domain-error.js';

/** The window of one list query, defaults applied, and the SQL that takes it. */
export interface PageWindow {
  limit: number;
  offset: number;
  /** `LIMIT $n OFFSET $n+1`, numbered from the `firstParam` given to `pageClause`. */
  sql: string;
  /** The values of those two placeholders: append them to the query's parameters. */
  params: [number, number];
}

/**
 * Every list pages the same way: `limit` defaults to 50 and never exceeds 500 (the same bounds
 * `PageQuery` validates at the edge), `offset` defaults to 0 and never exceeds 10^9.
 *
 *     const page = pageClause(request, params.length + 1);
 *     const found = await rows<Row>(db, `SELECT ... ${where} ORDER BY code ${page.sql}`, [...params, ...page.params]);
 *     return toPage(found.map(toView), total, page);
 */
export function pageClause(query: { limit?: number; offset?: number }, firstParam: number): PageWindow {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? PAGE_LIMIT_DEFAULT), 1), PAGE_LIMIT_MAX);
  const offset = Math.min(Math.max(Math.trunc(query.offset ?? 0), 0), PAGE_OFFSET_MAX);
  return { limit, offset, sql: `LIMIT $${firstParam} OFFSET $${firstParam + 1}`, params: [limit, offset] };
}

/** The `Page<T>` reply for a window: its items, how many match in all, and the window applied. */
export function toPage<T>(items: T[], total: number, page: Pick<PageWindow, 'limit' | 'offset'>): Page<T> {
  return { items, total, limit: page.limit, offset: page.offset };
}

/** The parts a page-of-facts cursor may have: a UUID key column or an integer one. */
export type CursorPart = 'uuid' | 'int';

const CURSOR_PARTS: Record<CursorPart, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  int: /^\d{1,9}$/,
};

/**
 * Pages of facts are read by key (keyset paging: the rows after the last key of the previous
 * page, so page 1,000 costs what page 1 does). A cursor is that key, its columns joined by `/`.
 *
 *     const window = factsWindow(request, ['uuid']);
 *     const found = await rows<Row>(db, `... WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`, [...window.after, window.take]);
 *     return factsPage(found, window, toFact, (r) => [r.id]);
 */
export interface FactsWindow {
  /** The cursor's columns (one null per column on the first page), to pass as the first parameters. */
  after: Array<string | null>;
  /** Rows to read: one more than the page holds, to tell whether another page follows. */
  take: number;
  limit: number;
}

export function factsWindow(request: FactsPageRequest, shape: CursorPart[]): FactsWindow {
  const limit = Math.min(Math.max(Math.trunc(request.limit ?? FACTS_PAGE_MAX), 1), FACTS_PAGE_MAX);
  if (request.after === undefined) return { after: shape.map(() => null), take: limit + 1, limit };
  const parts = request.after.split('/');
  if (parts.length !== shape.length || parts.some((part, i) => !CURSOR_PARTS[shape[i]].test(part))) {
    throw new DomainError('VALIDATION_FAILED', `after must be the next of an earlier page (${shape.join('/')})`, {
      fields: [{ field: 'after', problems: [`after must have the form ${shape.join('/')}`] }],
    });
  }
  return { after: parts, take: limit + 1, limit };
}

/** The page for rows read with a {@link FactsWindow}: at most `limit` facts, and the cursor of the next page if any. */
export function factsPage<R, T>(
  found: R[],
  window: FactsWindow,
  toFact: (row: R) => T,
  keyOf: (row: R) => Array<string | number>,
): FactsPage<T> {
  const page = found.slice(0, window.limit);
  const next = found.length > window.limit ? keyOf(page[page.length - 1]).join('/') : undefined;
  return next === undefined ? { items: page.map(toFact) } : { items: page.map(toFact), next };
}
