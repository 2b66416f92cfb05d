import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { type NatsAuth, natsAuthOptions } from './nats-connection.js';

/** One server of a JetStream cluster on known addresses (npm run cluster, the tests' clusters). */
export interface NatsClusterNode {
  /** `server_name`: JetStream tells the servers, the stream leaders and the replicas apart by it. */
  name: string;
  host: string;
  /** Where clients connect. */
  port: number;
  /** Where the other servers connect (the cluster's routes). */
  routePort: number;
  /** This server's own JetStream store. */
  storeDir: string;
}

export interface NatsClusterOptions {
  /** The cluster's name, the same on every server. */
  name: string;
  nodes: readonly NatsClusterNode[];
  /** The one user the servers' routes authenticate as (no client may connect on a route port). */
  routeUser: string;
  routePassword: string;
}

/**
 * The lines of one server's configuration that make it a member of the cluster: its name, client
 * address, JetStream store and routes to every other member, with the routes' own credentials. Give
 * them as `preamble` to `natsServerConfig`, which adds the clients' users and rights as on a single
 * server.
 */
export function natsClusterNodeConfig(cluster: NatsClusterOptions, index: number): string[] {
  const node = cluster.nodes[index];
  if (!node) throw new Error(`the cluster has no server ${index}`);
  const credentials = `${encodeURIComponent(cluster.routeUser)}:${encodeURIComponent(cluster.routePassword)}`;
  const routes = cluster.nodes
    .filter((_, other) => other !== index)
    .map((other) => JSON.stringify(`nats-route://${credentials}@${other.host}:${other.routePort}`));
  return [
    `server_name: ${JSON.stringify(node.name)}`,
    `listen: ${JSON.stringify(`${node.host}:${node.port}`)}`,
    `jetstream: { store_dir: ${JSON.stringify(node.storeDir)} }`,
    'cluster: {',
    `  name: ${JSON.stringify(cluster.name)}`,
    `  listen: ${JSON.stringify(`${node.host}:${node.routePort}`)}`,
    `  authorization: { user: ${JSON.stringify(cluster.routeUser)}, password: ${JSON.stringify(cluster.routePassword)} }`,
    `  routes: [${routes.join(', ')}]`,
    '}',
  ];
}

/** The URL list every client of the cluster is given (NATS_URL): it reconnects to another server when one goes. */
export function natsClusterUrl(cluster: Pick<NatsClusterOptions, 'nodes'>): string {
  return cluster.nodes.map((node) => `nats://${node.host}:${node.port}`).join(',');
}

/**
 * Waits until a JetStream request is answered through `node` alone: the server is up, routed to
 * the others, and the cluster has a JetStream leader. Any identity may ask (`$JS.API.INFO`).
 */
export async function whenJetStreamAnswers(
  node: Pick<NatsClusterNode, 'name' | 'host' | 'port'>,
  auth: NatsAuth,
  timeoutMs = 60_000,
): Promise<void> {
  const nc = await connect({ servers: `nats://${node.host}:${node.port}`, ...natsAuthOptions(auth) });
  try {
    const jsm = await jetstreamManager(nc, { timeout: 2000, checkAPI: false });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await jsm.getAccountInfo();
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`nats-server ${node.name} answered no JetStream request in ${timeoutMs / 1000} s`, {
            cause: error,
          });
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await nc.close();
  }
}
