import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, PAGE_OFFSET_MAX, type Page } from '#contracts';

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
