import { join } from 'node:path';
import {
  databaseUrlsByService,
  describeDatabase,
  describeDatabases,
  describeService,
  natsClusterPlan,
  needsSharedDatabase,
  OptionError,
  ownDatabaseUrls,
  replicaCounts,
  servicePlan,
  startOptions,
} from '../../tools/start-options.mjs';

/**
 * The options of `npm start` (tools/start-options.mjs) as a user meets them: how many processes
 * of each service on which ports, which database each service is given, and where the servers of
 * `npm run cluster` listen. Every bad value stops start with a message naming its variable; the
 * start itself (processes, NATS, Postgres) was checked by hand, see tools/start.mjs.
 */
const portsOf = (env: Record<string, string>) =>
  Object.fromEntries(servicePlan(env).map((s) => [s.name, s.replicas.map((r) => r.port)]));

/** The OptionError `run` throws, so its variable and message can be checked. */
function optionError(run: () => unknown): OptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof OptionError) return error;
    throw error;
  }
  throw new Error('no OptionError was thrown');
}

describe('npm start: replicas', () => {
  it('runs one process of every service on its usual port by default', () => {
    expect(replicaCounts({})).toEqual({ gateway: 1, orders: 1, inventory: 1, warehouse: 1, billing: 1, pricing: 1 });
    expect(portsOf({})).toEqual({
      gateway: [3000],
      orders: [3001],
      inventory: [3002],
      warehouse: [3003],
      billing: [3004],
      pricing: [3005],
    });
  });

  it('REPLICAS=N runs N of every service, replica k on the base port + 100*k', () => {
    expect(portsOf({ REPLICAS: '3' })).toEqual({
      gateway: [3000, 3100, 3200],
      orders: [3001, 3101, 3201],
      inventory: [3002, 3102, 3202],
      warehouse: [3003, 3103, 3203],
      billing: [3004, 3104, 3204],
      pricing: [3005, 3105, 3205],
    });
  });

  it('<SERVICE>_REPLICAS overrides REPLICAS for that service, and <SERVICE>_PORT moves its base port', () => {
    const plan = servicePlan({ REPLICAS: '2', ORDERS_REPLICAS: '3', PRICING_REPLICAS: '1', GATEWAY_PORT: '13000' });
    const byName = Object.fromEntries(plan.map((s) => [s.name, s]));
    expect(byName.orders.replicas.map((r) => [r.instance, r.port])).toEqual([
      ['orders-0', 3001],
      ['orders-1', 3101],
      ['orders-2', 3201],
    ]);
    expect(byName.pricing.replicas.map((r) => r.port)).toEqual([3005]);
    expect(byName.gateway.replicas.map((r) => r.port)).toEqual([13000, 13100]);
    expect(describeService(byName.gateway)).toBe('gateway ×2 on 13000, 13100');
    expect(describeService(byName.pricing)).toBe('pricing on 3005');
    // The gateway starts last, once the services it calls are on their way.
    expect(plan.map((s) => s.name).at(-1)).toBe('gateway');
  });

  it.each([
    ['REPLICAS', '0'],
    ['REPLICAS', '11'],
    ['REPLICAS', 'two'],
    ['REPLICAS', '1.5'],
    ['REPLICAS', '-1'],
    ['ORDERS_REPLICAS', '0'],
    ['BILLING_REPLICAS', '12'],
    ['GATEWAY_REPLICAS', ' x '],
  ])('refuses %s=%j, naming the variable and the range', (variable, value) => {
    const error = optionError(() => servicePlan({ [variable]: value }));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain('from 1 to 10');
  });

  it('accepts 1 and 10, and treats an empty value as unset', () => {
    expect(replicaCounts({ REPLICAS: '10' }).orders).toBe(10);
    expect(replicaCounts({ REPLICAS: '1' }).orders).toBe(1);
    expect(replicaCounts({ REPLICAS: '', ORDERS_REPLICAS: '' }).orders).toBe(1);
  });

  it('refuses ports that two processes would share or that do not exist, naming the variable', () => {
    // orders-1 is on 3101; a gateway based there collides with it.
    const clash = optionError(() => servicePlan({ REPLICAS: '2', GATEWAY_PORT: '3101' }));
    expect(clash.message).toMatch(/GATEWAY_PORT|ORDERS_PORT/);
    expect(clash.message).toContain('3101');
    const tooHigh = optionError(() => servicePlan({ REPLICAS: '3', BILLING_PORT: '65400' }));
    expect(tooHigh.variable).toBe('BILLING_PORT');
    expect(optionError(() => servicePlan({ ORDERS_PORT: 'http' })).variable).toBe('ORDERS_PORT');
  });
});

describe('npm start: a database per service', () => {
  const shared = 'postgres://postgres:postgres@127.0.0.1:54329/o2c';

  it('gives a service its <SERVICE>_DATABASE_URL instead of the shared DATABASE_URL, and the others the shared one', () => {
    const env = {
      DATABASE_URL: shared,
      ORDERS_DATABASE_URL: 'postgres://o:secret@db-orders:5432/orders',
      BILLING_DATABASE_URL: 'postgresql://b:secret@db-billing/billing',
    };
    expect(databaseUrlsByService(env, shared)).toEqual({
      inventory: shared,
      pricing: shared,
      orders: 'postgres://o:secret@db-orders:5432/orders',
      warehouse: shared,
      billing: 'postgresql://b:secret@db-billing/billing',
      gateway: shared,
    });
    expect(Object.keys(ownDatabaseUrls(env)).sort()).toEqual(['billing', 'orders']);
    expect(needsSharedDatabase(env)).toBe(true);
  });

  it('says which service uses which server without the password', () => {
    const env = { ORDERS_DATABASE_URL: 'postgres://o:secret@db-orders:6432/orders' };
    const lines = describeDatabases(env, shared, 'embedded');
    expect(lines).toEqual([
      '127.0.0.1:54329/o2c (embedded): inventory, pricing, warehouse, billing, gateway',
      'db-orders:6432/orders (ORDERS_DATABASE_URL): orders',
    ]);
    expect(lines.join('\n')).not.toContain('secret');
    expect(describeDatabase('postgres://u:pw@h/db')).toBe('h:5432/db');
  });

  it('needs no shared database when every service has its own', () => {
    const env = Object.fromEntries(
      ['GATEWAY', 'ORDERS', 'INVENTORY', 'WAREHOUSE', 'BILLING', 'PRICING'].map((s) => [
        `${s}_DATABASE_URL`,
        `postgres://127.0.0.1/${s.toLowerCase()}`,
      ]),
    );
    expect(needsSharedDatabase(env)).toBe(false);
    expect(needsSharedDatabase({})).toBe(true);
  });

  it.each([
    ['ORDERS_DATABASE_URL', 'mysql://127.0.0.1/orders'],
    ['BILLING_DATABASE_URL', 'not a url'],
    ['PRICING_DATABASE_URL', 'postgres://'],
  ])('refuses %s=%j, naming the variable', (variable, value) => {
    const error = optionError(() => ownDatabaseUrls({ [variable]: value }));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain('postgres://');
  });
});

describe('npm start: a local NATS cluster (npm run cluster)', () => {
  const data = '/srv/o2c/.data';

  it('runs one server unless NATS_CLUSTER asks for more', () => {
    expect(natsClusterPlan({}, data)).toBeNull();
    expect(natsClusterPlan({ NATS_CLUSTER: '1' }, data)).toBeNull();
  });

  it('NATS_CLUSTER=3: three servers on LOCAL_NATS_PORT, +1, +2, routes 2000 above, each with its own store', () => {
    const plan = natsClusterPlan({ NATS_CLUSTER: '3' }, data);
    if (!plan || 'ignored' in plan) throw new Error(`no cluster: ${JSON.stringify(plan)}`);
    expect(plan.nodes).toEqual([
      { name: 'n1', host: '127.0.0.1', port: 4223, routePort: 6223, storeDir: join(data, 'nats-cluster/n1') },
      { name: 'n2', host: '127.0.0.1', port: 4224, routePort: 6224, storeDir: join(data, 'nats-cluster/n2') },
      { name: 'n3', host: '127.0.0.1', port: 4225, routePort: 6225, storeDir: join(data, 'nats-cluster/n3') },
    ]);
    // Every service is given all three (NATS_URL).
    expect(plan.url).toBe('nats://127.0.0.1:4223,nats://127.0.0.1:4224,nats://127.0.0.1:4225');
    const moved = natsClusterPlan({ NATS_CLUSTER: '3', LOCAL_NATS_PORT: '14223' }, data);
    if (!moved || 'ignored' in moved) throw new Error('no cluster');
    expect(moved.nodes.map((n) => [n.port, n.routePort])).toEqual([
      [14223, 16223],
      [14224, 16224],
      [14225, 16225],
    ]);
  });

  it('is ignored, with a reason, when NATS_URL is set', () => {
    expect(natsClusterPlan({ NATS_CLUSTER: '3', NATS_URL: 'nats://nats.example:4222' }, data)).toEqual({
      ignored: 'NATS_CLUSTER=3 is ignored: NATS_URL is set',
    });
  });

  it.each([
    ['NATS_CLUSTER', '2'],
    ['NATS_CLUSTER', 'yes'],
    ['NATS_CLUSTER', '7'],
    ['LOCAL_NATS_PORT', '70000'],
  ])('refuses %s=%j, naming the variable', (variable, value) => {
    const error = optionError(() => natsClusterPlan({ NATS_CLUSTER: '3', [variable]: value }, data));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
  });
});

describe('npm start: every option at once', () => {
  it('checks them all before anything starts', () => {
    const options = startOptions({ REPLICAS: '2', NATS_CLUSTER: '3', ORDERS_DATABASE_URL: 'postgres://h/o' }, '/d');
    expect(options.services.flatMap((s) => s.replicas)).toHaveLength(12);
    expect(options.ownDatabases.orders?.variable).toBe('ORDERS_DATABASE_URL');
    expect(options.natsCluster && 'nodes' in options.natsCluster ? options.natsCluster.nodes : []).toHaveLength(3);
    expect(optionError(() => startOptions({ NATS_CLUSTER: '3', WAREHOUSE_REPLICAS: '0' }, '/d')).variable).toBe(
      'WAREHOUSE_REPLICAS',
    );
  });
});
