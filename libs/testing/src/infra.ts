import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  installPgTypeParsers,
  type NatsClusterNode,
  natsClusterNodeConfig,
  whenJetStreamAnswers,
  natsClusterUrl,
  NATS_IDENTITY_NAMES,
  natsAuthOptions,
  type NatsAuth,
  natsServerConfig,
} from '#platform';
import { testCallerEnv } from './caller-keys.js';

/** Where the tests find Postgres: any database on the server; test databases are created beside it. */
export const TEST_ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freePort(): Promise<number> {
  for (let tries = 0; tries < PORT_SLICE; tries++) {
    const port = PORT_BASE + slice * PORT_SLICE + (nextOffset++ % PORT_SLICE);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in ${PORT_BASE + slice * PORT_SLICE}..${PORT_BASE + (slice + 1) * PORT_SLICE - 1}`);
}

/**
 * Ports for test servers come from below the kernel's ephemeral range (32768 and up), which
 * outgoing connections take their local ports from: a port the OS handed out with `listen(0)`
 * could be taken by a connection to Postgres before the service started listening on it. Each
 * jest worker (or other process) draws from a slice of its own, so two workers never pick the
 * same port between checking it and a service binding it.
 */
const PORT_BASE = 20_000;
const PORT_SLICES = 8;
const PORT_SLICE = 1_500;
const slice = Number(process.env.JEST_WORKER_ID ?? process.pid) % PORT_SLICES;
let nextOffset = Math.floor(Math.random() * PORT_SLICE);

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface TestDatabase {
  url: string;
  name: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * A fresh database on the real Postgres for one test file, so runs never collide.
 * Each service makes its own schema in it through its migrations.
 */
export async function createTestDatabase(prefix = 'o2c_test'): Promise<TestDatabase> {
  // A test reads the tables as the services do: bigint and count(*) as numbers.
  installPgTypeParsers();
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    url: url.toString(),
    name,
    query: async <T>(sql: string, params: unknown[] = []) =>
      (await pool.query<T & pg.QueryResultRow>(sql, params)).rows,
    drop: async () => {
      await pool.end();
      const c = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
      await c.connect();
      try {
        // Services close their pools asynchronously after shutdown: give them a moment rather
        // than killing a connection someone still holds (it would surface as an error there).
        for (let attempt = 0; attempt < 30; attempt++) {
          const [{ n }] = (
            await c.query<{ n: number }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1`, [name])
          ).rows;
          if (n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The tests' own inspection identity: everything (publish events as a service would, stub a peer, list consumers). */
export const TEST_NATS_USER = 'test';

export interface TestNats {
  url: string;
  /** Each identity's password on this server (the permissions table's, and `test`). */
  passwords: Readonly<Record<string, string>>;
  /**
   * `NATS_USER` and `NATS_PASSWORD` for a process that connects as `identity`, with its caller
   * signing key and the trusted keys (CALLER_SIGNING_KEY, CALLER_TRUSTED_KEYS).
   */
  env(identity: string): Record<'NATS_USER' | 'NATS_PASSWORD' | 'CALLER_SIGNING_KEY' | 'CALLER_TRUSTED_KEYS', string>;
  /** A client connected as `identity` (closed by `stop`). */
  connectAs(identity: string): Promise<NatsConnection>;
  stop(): Promise<void>;
  /**
   * Stops the server (SIGTERM, or SIGKILL) and starts it again on the same port and store, as an
   * operator's restart, after `downMs` without it.
   */
  restart(signal?: NodeJS.Signals, downMs?: number): Promise<void>;
}

/** The test identity's credentials for the private servers this process started, by URL. */
const testCredentials = new Map<string, NatsAuth>();

/**
 * The connection options a test's own client uses on `url`: the `test` identity when this process
 * started that server (startTestNats), anonymous otherwise.
 */
export function testNatsOptions(url: string): ConnectionOptions {
  return { ...natsAuthOptions(testCredentials.get(url) ?? {}), servers: url.split(',') };
}

/**
 * A private nats-server with JetStream on a free port and a temporary store, so that
 * streams, durable consumers and queue groups of one test file never meet another's (or
 * a running development system's). It is the real server binary, not a stand-in, with
 * authentication on as everywhere: one user per identity of the permissions table with a
 * random password, plus `test` for the test's own clients; anonymous clients are refused.
 */
export async function startTestNats(): Promise<TestNats> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'o2c-nats-'));
  const passwords = testNatsPasswords();
  const conf = join(store, 'nats.conf');
  writeFileSync(conf, testNatsConfig(passwords));
  const url = `nats://127.0.0.1:${port}`;
  testCredentials.set(url, { NATS_USER: TEST_NATS_USER, NATS_PASSWORD: passwords[TEST_NATS_USER] });
  const spawnServer = () =>
    spawn(natsBinary(), ['-c', conf, '-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], { stdio: 'ignore' });
  let child = spawnServer();
  await waitForPort(port, child, 10_000);
  const clients: NatsConnection[] = [];
  return {
    url,
    passwords,
    env: identityEnv(passwords),
    connectAs: async (identity: string) => {
      const nc = await connect({ servers: url, ...natsAuthOptions(identityEnv(passwords)(identity)) });
      clients.push(nc);
      return nc;
    },
    stop: async () => {
      for (const nc of clients.splice(0)) await nc.close().catch(() => undefined);
      await stopChild(child);
      testCredentials.delete(url);
      rmSync(store, { recursive: true, force: true });
    },
    restart: async (signal: NodeJS.Signals = 'SIGTERM', downMs = 0) => {
      await stopChild(child, signal);
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      child = spawnServer();
      await waitForPort(port, child, 10_000);
    },
  };
}

const natsBinary = () => process.env.NATS_SERVER_BIN ?? 'nats-server';

/** A random password for every identity of the permissions table and for `test`. */
function testNatsPasswords(): Record<string, string> {
  return Object.fromEntries(
    [...NATS_IDENTITY_NAMES, TEST_NATS_USER].map((name) => [name, randomBytes(18).toString('base64url')]),
  );
}

/** The users and rights of a test server, after `preamble` (a cluster member's own lines). */
function testNatsConfig(passwords: Record<string, string>, preamble: readonly string[] = []): string {
  return natsServerConfig({
    // Large orders (thousands of lines) travel in one request: allow 8 MB messages, as deploy/ does.
    preamble: [...preamble, 'max_payload: 8388608'],
    passwords: { kind: 'literal', passwords },
    extraUsers: { [TEST_NATS_USER]: { publish: ['>'], subscribe: ['>'], allowResponses: true } },
  });
}

function identityEnv(passwords: Readonly<Record<string, string>>): TestNats['env'] {
  return (identity: string) => {
    const password = passwords[identity];
    if (!password) throw new Error(`no NATS identity ${identity} on the test server`);
    return { NATS_USER: identity, NATS_PASSWORD: password, ...testCallerEnv(identity) };
  };
}

/** A private three-server JetStream cluster (startTestNatsCluster), with a hand on each server. */
export interface TestNatsCluster extends TestNats {
  /** `url` is every server's URL, comma-separated, as a service's NATS_URL. */
  readonly nodes: readonly NatsClusterNode[];
  /** Stops server `index` (SIGKILL by default: no lame-duck, no goodbye to the others) and leaves it down. */
  killNode(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts server `index` again on its ports and store, and waits until it answers JetStream requests. */
  startNode(index: number): Promise<void>;
  /** The index of the server that leads `stream` now. */
  leaderOf(stream: string): Promise<number>;
}

/**
 * A private JetStream cluster of `size` servers (3 unless given) on free loopback ports, each with
 * its own temporary store, and the same users and rights as startTestNats, so a TestSystem runs on
 * it unchanged. Returns once the cluster has elected its JetStream leader.
 */
export async function startTestNatsCluster(size = 3): Promise<TestNatsCluster> {
  const base = mkdtempSync(join(tmpdir(), 'o2c-nats-cluster-'));
  const nodes: NatsClusterNode[] = [];
  for (let i = 0; i < size; i++) {
    const storeDir = join(base, `n${i + 1}`);
    mkdirSync(storeDir);
    nodes.push({ name: `n${i + 1}`, host: '127.0.0.1', port: await freePort(), routePort: await freePort(), storeDir });
  }
  const cluster = { name: 'o2c-test', nodes, routeUser: 'route', routePassword: randomBytes(18).toString('base64url') };
  const passwords = testNatsPasswords();
  const confs = nodes.map((node, i) => {
    const conf = join(base, `${node.name}.conf`);
    writeFileSync(conf, testNatsConfig(passwords, natsClusterNodeConfig(cluster, i)));
    return conf;
  });
  const url = natsClusterUrl(cluster);
  const test = { NATS_USER: TEST_NATS_USER, NATS_PASSWORD: passwords[TEST_NATS_USER] };
  testCredentials.set(url, test);
  const children: Array<ChildProcess | undefined> = [];
  const spawnNode = async (i: number) => {
    const child = spawn(natsBinary(), ['-c', confs[i], '-l', join(base, `${nodes[i].name}.log`)], { stdio: 'ignore' });
    children[i] = child;
    await waitForPort(nodes[i].port, child, 10_000);
  };
  /** Through server `i` alone, until a JetStream request is answered: it is routed, and there is a leader. */
  const jetStreamAnswers = (i: number) => whenJetStreamAnswers(nodes[i], test);
  const clients: NatsConnection[] = [];
  const stopAll = () => Promise.all(children.flatMap((child) => (child ? [stopChild(child)] : [])));
  try {
    await Promise.all(nodes.map((_, i) => spawnNode(i)));
    for (let i = 0; i < size; i++) await jetStreamAnswers(i);
  } catch (error) {
    await stopAll();
    throw error;
  }
  const killNode = async (index: number, signal: NodeJS.Signals = 'SIGKILL') => {
    const child = children[index];
    if (child) await stopChild(child, signal);
  };
  const startNode = async (index: number) => {
    await spawnNode(index);
    await jetStreamAnswers(index);
  };
  return {
    url,
    passwords,
    nodes,
    env: identityEnv(passwords),
    connectAs: async (identity: string) => {
      const nc = await connect({ servers: url.split(','), ...natsAuthOptions(identityEnv(passwords)(identity)) });
      clients.push(nc);
      return nc;
    },
    killNode,
    startNode,
    leaderOf: async (stream: string) => {
      const nc = await connect(testNatsOptions(url));
      try {
        const leader = (await (await jetstreamManager(nc)).streams.info(stream)).cluster?.leader;
        const index = nodes.findIndex((node) => node.name === leader);
        if (index < 0) throw new Error(`stream ${stream} has no leader (${String(leader)})`);
        return index;
      } finally {
        await nc.close();
      }
    },
    stop: async () => {
      for (const nc of clients.splice(0)) await nc.close().catch(() => undefined);
      await stopAll();
      testCredentials.delete(url);
      rmSync(base, { recursive: true, force: true });
    },
    // A rolling restart, one server at a time, as an operator upgrades a cluster.
    restart: async (signal: NodeJS.Signals = 'SIGTERM') => {
      for (let i = 0; i < size; i++) {
        await killNode(i, signal);
        await startNode(i);
      }
    },
  };
}

export async function waitForPort(port: number, child: ChildProcess | undefined, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before listening on ${port}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
}

export async function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  timeoutMs = 10_000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Whether `nats` is a cluster (TestSystem.start({ nats: 'cluster' })), with its hand on each server. */
export function isTestNatsCluster(nats: TestNats): nats is TestNatsCluster {
  return 'killNode' in nats;
}
