import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '#testing';
import { dataSourceOptions, oneRow, rows } from '../src/index.js';

/** What a service's queries answer for Postgres numbers, through the real driver. */
describe('Postgres numbers through a service data source', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions({ url: db.url, schema: 'probe', migrations: [] }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('answers bigint, count(*), sum(bigint) and their arrays as numbers', async () => {
    const row = await oneRow<{ minor: number; n: number; total: number; ids: number[]; sums: Array<number | null> }>(
      dataSource,
      `SELECT 1999::bigint AS minor, (SELECT count(*) FROM generate_series(1, 3)) AS n,
              (SELECT sum(x::bigint) FROM generate_series(1, 4) x) AS total,
              ARRAY[1, 2]::bigint[] AS ids, ARRAY[5, NULL]::numeric[] AS sums`,
    );
    expect(row).toEqual({ minor: 1999, n: 3, total: 10, ids: [1, 2], sums: [5, null] });
  });

  it('fails a query whose bigint a number cannot hold, instead of rounding it', async () => {
    await expect(rows(dataSource, `SELECT 9007199254740993::bigint AS n`)).rejects.toThrow(
      /9007199254740993 is not a safe integer/,
    );
  });

  it('fails a query that answers a fractional numeric, instead of losing its digits', async () => {
    await expect(rows(dataSource, `SELECT 10::numeric / 4 AS share`)).rejects.toThrow(/2.5+0* has a fraction/);
  });

  it('says how many rows came back when a query should answer exactly one', async () => {
    await expect(oneRow(dataSource, `SELECT 1 AS n WHERE false`)).rejects.toThrow(/expected exactly one row, got 0/);
  });
});
