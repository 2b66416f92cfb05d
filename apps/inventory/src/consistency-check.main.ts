// The stock consistency check as a command:
//   DATABASE_URL=postgres://… node dist/apps/inventory/src/consistency-check.main.js [SKU]
// Prints the report as JSON; exits 0 when stock is consistent, 2 when it is not.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, dataSourceOptions, loadConfig } from '#platform';
import { inventoryMigrations } from './migrations/inventory-migrations.js';
import { InventoryConfig } from './config.js';
import { checkConsistency } from './stock/consistency-check.query.js';

let config: InventoryConfig;
try {
  config = loadConfig(InventoryConfig);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`consistency check: ${error.message}\n`);
  process.exit(78);
}
const dataSource = new DataSource(
  dataSourceOptions({
    url: config.DATABASE_URL,
    schema: 'inventory',
    migrations: inventoryMigrations,
    poolSize: 1,
  }),
);
await dataSource.initialize();
try {
  const report = await checkConsistency(dataSource, process.argv[2]);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.exitCode = report.consistent ? 0 : 2;
} finally {
  await dataSource.destroy();
}
