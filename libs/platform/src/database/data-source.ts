import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { installPgTypeParsers } from './pg-types.js';
import { platformMigrations } from './platform.migration.js';
import { rows } from './sql.js';

export interface ServiceDataSourceOptions {
  url: string;
  schema: string;
  migrations: Array<new () => MigrationInterface>;
  poolSize?: number;
}

/**
 * TypeORM options for one service's schema; migrations only, never synchronize. Every data
 * source is made from these, so the number parsers of `pg-types.ts` are in place before its
 * first connection.
 */
export function dataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  installPgTypeParsers();
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    // No entities: every service reads and writes through SQL (sql.ts), with a row type per table.
    entities: [],
    migrations: [...platformMigrations(options.schema), ...options.migrations],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: ['error'],
    extra: { max: options.poolSize ?? 10, application_name: options.schema },
  };
}

/**
 * Runs pending migrations under a Postgres advisory lock, so replicas starting together
 * migrate once. The schema is created first because TypeORM keeps its migrations table in it.
 */
export async function runMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`o2c-migrate-${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const done = await dataSource.runMigrations({ transaction: 'all' });
    return done.map((m) => m.name);
  } finally {
    await rows(runner, `SELECT pg_advisory_unlock(hashtext($1))`, [`o2c-migrate-${schema}`]).catch(() => undefined);
    await runner.release();
  }
}

/** Opens a DataSource for a service and brings its schema up to date. */
export async function openServiceDataSource(options: ServiceDataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(options));
  await dataSource.initialize();
  await runMigrations(dataSource, options.schema);
  return dataSource;
}
