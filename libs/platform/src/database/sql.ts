/** Anything TypeORM can run raw SQL on: a DataSource, an EntityManager, a Repository. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Runs SQL and returns its rows. TypeORM answers UPDATE and DELETE with `[rows, rowCount]`
 * but SELECT and INSERT with `rows`; this hides the difference.
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

/** Whether a database error is a unique-constraint violation (Postgres 23505), as TypeORM or pg raise it. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { driverError?: { code?: string } }).driverError?.code === '23505' ||
    (error as { code?: string }).code === '23505'
  );
}
