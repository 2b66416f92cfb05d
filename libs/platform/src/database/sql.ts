/**
 * Raw SQL goes through `rows<T>()` / `oneRow<T>()` / `maybeRow<T>()`, typed by a row type
 * (snake_case, as Postgres names the columns) declared beside its queries. `bigint`, `count(*)`
 * and whole `numeric` values already arrive as numbers (see `pg-types.ts`): no row is converted
 * after the query.
 */

/** Anything TypeORM can run raw SQL on: a DataSource, an EntityManager, a Repository. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Runs SQL and returns its rows, typed as `T` (the caller's row type names the selected columns).
 * TypeORM answers UPDATE and DELETE with `[rows, rowCount]` but SELECT and INSERT with `rows`;
 * this hides the difference.
 */
export async function rows<T = Record<string, unknown>>(
  db: Queryable,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const result = await db.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** Runs SQL that answers at most one row (a look-up by key, `... LIMIT 1`); undefined when none. */
export async function maybeRow<T = Record<string, unknown>>(
  db: Queryable,
  sql: string,
  parameters: unknown[] = [],
): Promise<T | undefined> {
  const found = await rows<T>(db, sql, parameters);
  if (found.length > 1) throw new Error(`expected at most one row, got ${found.length}: ${excerpt(sql)}`);
  return found[0];
}

/** Runs SQL that always answers exactly one row (an aggregate, `INSERT ... RETURNING`, a row locked by key). */
export async function oneRow<T = Record<string, unknown>>(
  db: Queryable,
  sql: string,
  parameters: unknown[] = [],
): Promise<T> {
  const found = await rows<T>(db, sql, parameters);
  if (found.length !== 1) throw new Error(`expected exactly one row, got ${found.length}: ${excerpt(sql)}`);
  return found[0];
}

function excerpt(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** Whether a database error is a unique-constraint violation (Postgres 23505), as TypeORM or pg raise it. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { driverError?: { code?: string } }).driverError?.code === '23505' ||
    (error as { code?: string }).code === '23505'
  );
}
