// The options of `npm start` (tools/start.mjs) that are read from the environment and checked
// before anything starts: how many processes of each service on which ports, which database each
// service uses, and the addresses of a local NATS cluster. Pure functions of an environment object,
// so test/install/start-options.e2e-spec.ts calls them directly; every bad value throws an
// OptionError whose message names the variable.
import { join } from 'node:path';

/** The services in the order npm start starts them (the gateway last), with their base HTTP ports. */
export const SERVICES = [
  ['inventory', 3002],
  ['pricing', 3005],
  ['orders', 3001],
  ['warehouse', 3003],
  ['billing', 3004],
  ['gateway', 3000],
];
export const SERVICE_NAMES = SERVICES.map(([name]) => name);

/** Replica k of a service listens on its base port + REPLICA_PORT_STEP * k. */
export const REPLICA_PORT_STEP = 100;
export const MAX_REPLICAS = 10;
/** Route ports of a local NATS cluster: the client ports + this (4223 -> 6223). */
export const NATS_ROUTE_PORT_OFFSET = 2000;
/** Server counts a local NATS cluster may have (odd: a majority survives the loss of one). */
export const NATS_CLUSTER_SIZES = [1, 3, 5];

export class OptionError extends Error {
  constructor(variable, message) {
    super(`${variable} ${message}`);
    this.name = 'OptionError';
    this.variable = variable;
  }
}

const upper = (name) => name.toUpperCase();
const isSet = (value) => value !== undefined && value !== '';

function integer(env, variable, fallback, min, max, what) {
  const raw = env[variable];
  if (!isSet(raw)) return fallback;
  const text = String(raw).trim();
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new OptionError(variable, `must be ${what} (it is ${JSON.stringify(raw)})`);
  return Number(text);
}

const port = (env, variable, fallback) =>
  integer(env, variable, fallback, 1, 65535, 'a port, an integer from 1 to 65535');

/**
 * How many processes of each service: `<SERVICE>_REPLICAS`, else `REPLICAS`, else 1; an integer
 * from 1 to MAX_REPLICAS.
 */
export function replicaCounts(env) {
  const all = integer(env, 'REPLICAS', 1, 1, MAX_REPLICAS, `an integer from 1 to ${MAX_REPLICAS}`);
  return Object.fromEntries(
    SERVICE_NAMES.map((name) => [
      name,
      integer(env, `${upper(name)}_REPLICAS`, all, 1, MAX_REPLICAS, `an integer from 1 to ${MAX_REPLICAS}`),
    ]),
  );
}

/** The HTTP ports of `count` replicas of a service whose first replica listens on `base`. */
export function replicaPorts(base, count) {
  return Array.from({ length: count }, (_, k) => base + REPLICA_PORT_STEP * k);
}

/**
 * Every process npm start runs: for each service (in start order) its replicas, each with its
 * instance name (`orders-0`, `orders-1`, ...), its index and its port. The base port of a service
 * is `<SERVICE>_PORT` or its default; a port above 65535 or used twice stops start, naming the
 * variables.
 */
export function servicePlan(env) {
  const counts = replicaCounts(env);
  const plan = SERVICES.map(([name, fallback]) => {
    const portVariable = `${upper(name)}_PORT`;
    const base = port(env, portVariable, fallback);
    const ports = replicaPorts(base, counts[name]);
    const last = ports[ports.length - 1];
    if (last > 65535)
      throw new OptionError(
        portVariable,
        `(${base}) leaves no room for ${counts[name]} replicas: replica ${counts[name] - 1} would listen on ${last}`,
      );
    return {
      name,
      portVariable,
      replicas: ports.map((p, index) => ({ name, index, instance: `${name}-${index}`, port: p })),
    };
  });
  const owner = new Map();
  for (const service of plan) {
    for (const replica of service.replicas) {
      const other = owner.get(replica.port);
      if (other)
        throw new OptionError(
          service.portVariable,
          `(${service.replicas[0].port}) gives ${replica.instance} port ${replica.port}, which is also ${other.instance}'s (replica k of a service listens on its port + ${REPLICA_PORT_STEP}*k; set ${other.portVariable} or ${service.portVariable} further apart)`,
        );
      owner.set(replica.port, { ...replica, portVariable: service.portVariable });
    }
  }
  return plan;
}

/** "gateway ×2 on 3000, 3100" (or "orders on 3001"). */
export function describeService(service) {
  const ports = service.replicas.map((r) => r.port).join(', ');
  return service.replicas.length > 1
    ? `${service.name} ×${service.replicas.length} on ${ports}`
    : `${service.name} on ${ports}`;
}

/** A Postgres URL as a message may show it: host:port/database, never the password. */
export function describeDatabase(url) {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname || '/'}`;
}

/**
 * The services that have a database of their own: `<SERVICE>_DATABASE_URL`, by service name, each
 * `{ variable, url }`. A value that is not a postgres:// URL stops start, naming the variable.
 */
export function ownDatabaseUrls(env) {
  const own = {};
  for (const name of SERVICE_NAMES) {
    const variable = `${upper(name)}_DATABASE_URL`;
    const url = env[variable];
    if (!isSet(url)) continue;
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      throw new OptionError(variable, 'must be a postgres:// URL such as postgres://user:password@host:5432/database');
    }
    if (!/^postgres(ql)?:$/.test(parsed.protocol) || !parsed.hostname)
      throw new OptionError(variable, 'must be a postgres:// URL such as postgres://user:password@host:5432/database');
    own[name] = { variable, url };
  }
  return own;
}

/** Whether some service has no database of its own and so needs the shared one (DATABASE_URL or the embedded Postgres). */
export function needsSharedDatabase(env) {
  const own = ownDatabaseUrls(env);
  return SERVICE_NAMES.some((name) => !own[name]);
}

/**
 * The DATABASE_URL each service is given: its own `<SERVICE>_DATABASE_URL` when set, else `shared`
 * (DATABASE_URL or the embedded Postgres's URL).
 */
export function databaseUrlsByService(env, shared) {
  const own = ownDatabaseUrls(env);
  return Object.fromEntries(SERVICE_NAMES.map((name) => [name, own[name]?.url ?? shared]));
}

/**
 * Which service uses which server, for the start-up output: one line per database, e.g.
 * "127.0.0.1:5432/o2c_orders (ORDERS_DATABASE_URL): orders". Without `shared` (not known yet) the
 * services without a database of their own are listed as using `sharedLabel`.
 */
export function describeDatabases(env, shared, sharedLabel) {
  const own = ownDatabaseUrls(env);
  const byTarget = new Map();
  for (const name of SERVICE_NAMES) {
    const url = own[name]?.url ?? shared;
    const label = url ? `${describeDatabase(url)} (${own[name]?.variable ?? sharedLabel})` : sharedLabel;
    byTarget.set(label, [...(byTarget.get(label) ?? []), name]);
  }
  return [...byTarget].map(([label, names]) => `${label}: ${names.join(', ')}`);
}

/**
 * The local NATS npm start runs when NATS_URL is not set: `null` for one server (NATS_CLUSTER unset
 * or 1), else a cluster of NATS_CLUSTER servers on loopback, client ports LOCAL_NATS_PORT + i, route
 * ports those + NATS_ROUTE_PORT_OFFSET, each with a JetStream store of its own under
 * `<dataDir>/nats-cluster/`. `ignored` says why NATS_CLUSTER does not apply (NATS_URL is set).
 */
export function natsClusterPlan(env, dataDir) {
  const raw = isSet(env.NATS_CLUSTER) ? String(env.NATS_CLUSTER).trim() : '1';
  const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!NATS_CLUSTER_SIZES.includes(size))
    throw new OptionError(
      'NATS_CLUSTER',
      `must be the number of local nats-servers, ${NATS_CLUSTER_SIZES.join(', ')} (it is ${JSON.stringify(env.NATS_CLUSTER)})`,
    );
  const base = port(env, 'LOCAL_NATS_PORT', 4223);
  if (size === 1) return null;
  if (isSet(env.NATS_URL)) return { ignored: `NATS_CLUSTER=${size} is ignored: NATS_URL is set` };
  if (base + size - 1 + NATS_ROUTE_PORT_OFFSET > 65535)
    throw new OptionError('LOCAL_NATS_PORT', `(${base}) leaves no room for the cluster's route ports`);
  const dir = join(dataDir, 'nats-cluster');
  const nodes = Array.from({ length: size }, (_, i) => ({
    name: `n${i + 1}`,
    host: '127.0.0.1',
    port: base + i,
    routePort: base + i + NATS_ROUTE_PORT_OFFSET,
    storeDir: join(dir, `n${i + 1}`),
  }));
  return {
    size,
    dir,
    name: 'o2c-local',
    nodes,
    url: nodes.map((node) => `nats://${node.host}:${node.port}`).join(','),
  };
}

/** Every option at once, checked in the order a user reads them; throws the first OptionError. */
export function startOptions(env, dataDir) {
  return {
    services: servicePlan(env),
    ownDatabases: ownDatabaseUrls(env),
    natsCluster: natsClusterPlan(env, dataDir),
  };
}
