import type { INestApplication } from '@nestjs/common';
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { EventEnvelope } from '#contracts';
import { OutboxRelay, type ServiceConfig, type ServiceDefinition, streamFor } from '#platform';
import { startInProcess } from './in-process.js';
import { createTestDatabase, startTestNats, type TestDatabase, type TestNats } from './infra.js';
import { consumersCaughtUp, durableName, streamEvents } from './jetstream.js';
import { TestRpcClient } from './rpc-client.js';
import { type ServiceName, TestSystem } from './system.js';

/** Any service definition, whatever its config class. */
export type AnyServiceDefinition = ServiceDefinition<any>;

/**
 * One or more services running inside the test process on a fresh database (each in its own
 * schema, through its migrations) and a private nats-server, with a client to talk to them.
 */
export interface TestApp {
  db: TestDatabase;
  nats: TestNats;
  /** The first service started (the one under test). */
  app: INestApplication;
  /** Every service started in-process, by name. */
  apps: Record<string, INestApplication>;
  /** The peer services started as processes (see {@link TestAppOptions.peers}), if any. */
  peers?: TestSystem;
  /** Requests in Nest's NATS wire format, as any caller. */
  rpc: TestRpcClient;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** Every event the started services have published on `subject` so far (their outboxes flushed first). */
  events<T>(subject: string): Promise<Array<EventEnvelope<T>>>;
  /** Waits until `service`'s durable consumer of `subject` has acknowledged everything published on it. */
  consumed(service: string, subject: string, timeoutMs?: number): Promise<void>;
  /** Stops the services (last started first, peers last), then NATS, then drops the database. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Services the ones under test call, started first as real processes from the build in
   * dist/ (as `npm start` runs them) on the same database and nats-server. An app's tests
   * cannot import another app's module, so this is how they run against its real peers.
   */
  peers?: readonly ServiceName[];
}

/**
 * Starts the given services in-process, in order (start a service's dependencies first when it
 * calls them at start-up; otherwise the order is only the close order reversed). `env` is given
 * to every service (peers included) on top of the database and NATS URLs; in-process services
 * log at `warn`.
 */
export async function startTestApp(
  services: AnyServiceDefinition | readonly AnyServiceDefinition[],
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const definitions: readonly AnyServiceDefinition[] = Array.isArray(services) ? services : [services];
  const peers = options.peers?.length ? await TestSystem.start({ services: options.peers, env }) : undefined;
  const [db, nats] = peers ? [peers.db, peers.nats] : await Promise.all([createTestDatabase(), startTestNats()]);
  const apps: Record<string, INestApplication> = {};
  let rpc: TestRpcClient | undefined;
  const close = async () => {
    await rpc?.close();
    for (const app of Object.values(apps).reverse()) await app.close();
    if (peers) return peers.stop();
    await nats.stop();
    await db.drop();
  };
  try {
    for (const definition of definitions) {
      apps[definition.name] = await startInProcess(definition as ServiceDefinition<ServiceConfig>, {
        DATABASE_URL: db.url,
        NATS_URL: nats.url,
        // A service of the permissions table connects as itself; a platform test's own service as `test`.
        ...(nats.passwords[definition.name] ? nats.env(definition.name) : nats.env('test')),
        ...env,
      });
    }
    rpc = await TestRpcClient.connect(nats.url);
    const jsm = await jetstreamManager(rpc.nc);
    return {
      db,
      nats,
      app: apps[definitions[0].name],
      apps,
      peers,
      rpc,
      js: jetstream(rpc.nc),
      jsm,
      events: async <T>(subject: string) => {
        for (const app of Object.values(apps)) await outboxOf(app)?.flush();
        return streamEvents<T>(jsm, streamFor(subject), subject);
      },
      consumed: (service: string, subject: string, timeoutMs = 10_000) =>
        consumersCaughtUp(jsm, streamFor(subject), { durable: durableName(service, subject), timeoutMs }),
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** The service's outbox relay, or undefined for a service that publishes no events. */
function outboxOf(app: INestApplication): OutboxRelay | undefined {
  try {
    return app.get(OutboxRelay);
  } catch {
    return undefined;
  }
}
