// The system-wide consistency check as a command (`npm run check` builds and runs it):
//   NATS_URL=nats://… node dist/apps/gateway/src/consistency-check.main.js [--settle-ms 10000] [--page-size 1000] [--json]
// Asks every running service for its facts over NATS and reads the `invoice posted` stream, then
// prints a readable report (or the JSON report with --json).
// Exit status: 0 the services agree, 1 they disagree, 2 the check could not run, 78 bad configuration.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { FACTS_PAGE_MAX, SETTLE_MS_MAX } from '#contracts';
import {
  CallerContexts,
  CallerSigningConfig,
  ConfigError,
  loadConfig,
  NatsConnection,
  requireCallerKeys,
  ServiceClient,
} from '#platform';
import { natsFactSources } from './consistency/nats-fact-sources.js';
import { checkSystem, DEFAULT_SETTLE_MS } from './consistency/system-check.js';
import { textReport } from './consistency/text-report.js';

/** The command asks as the `ops` identity: it may page the services' facts and nothing else. */
const ISSUER = 'ops';

function fail(status: number, message: string): never {
  process.stderr.write(`consistency check: ${message}\n`);
  process.exit(status);
}

function wholeNumber(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(2, `--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function readFlags(): { settleMs: number; pageSize: number; json: boolean } {
  let values: { 'settle-ms'?: string; 'page-size'?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      options: { 'settle-ms': { type: 'string' }, 'page-size': { type: 'string' }, json: { type: 'boolean' } },
    }));
  } catch (error) {
    fail(2, `${error instanceof Error ? error.message : String(error)} (flags: --settle-ms N, --page-size N, --json)`);
  }
  return {
    settleMs: wholeNumber(values['settle-ms'], 'settle-ms', DEFAULT_SETTLE_MS, 0, SETTLE_MS_MAX),
    pageSize: wholeNumber(values['page-size'], 'page-size', FACTS_PAGE_MAX, 1, FACTS_PAGE_MAX),
    json: values.json ?? false,
  };
}

const { settleMs, pageSize, json } = readFlags();

let config: CallerSigningConfig;
try {
  config = loadConfig(CallerSigningConfig);
  requireCallerKeys(config, false);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  fail(78, error.message);
}

// Only errors reach the terminal: the report is the output.
Logger.overrideLogger(['error']);
const nats = new NatsConnection(config.NATS_URL, 'consistency-check', undefined, config);
try {
  await nats.open();
} catch (error) {
  fail(2, `cannot reach NATS at ${config.NATS_URL}: ${error instanceof Error ? error.message : String(error)}`);
}
try {
  const client = new ServiceClient(nats, config.NATS_REQUEST_TIMEOUT_MS, CallerContexts.fromConfig(ISSUER, config));
  const sources = natsFactSources(client, nats, true);
  const report = await checkSystem(sources, { settleMs, pageSize });
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : textReport(report));
  process.exitCode = report.consistent ? 0 : 1;
} catch (error) {
  process.stderr.write(`consistency check: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
} finally {
  await nats.onApplicationShutdown();
}
