import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { connect, type ConnectionOptions, type NatsConnection as RawNatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { natsInboxPrefix } from './nats-permissions.js';

/** The credentials and TLS files a NATS client connects with (the `NATS_*` variables of `NatsClientConfig`). */
export interface NatsAuth {
  NATS_USER?: string;
  NATS_PASSWORD?: string;
  NATS_TLS_CA?: string;
  NATS_TLS_CERT?: string;
  NATS_TLS_KEY?: string;
}

/**
 * The connection options for `auth`, shared by both connections of a service (Nest's microservice
 * server and the platform's own): user and password, TLS when a CA or client certificate is
 * given, and the identity's own inbox prefix, since its rights allow replies only there.
 */
export function natsAuthOptions(auth: NatsAuth): Partial<ConnectionOptions> {
  const tls =
    auth.NATS_TLS_CA || auth.NATS_TLS_CERT
      ? {
          ...(auth.NATS_TLS_CA ? { caFile: auth.NATS_TLS_CA } : {}),
          ...(auth.NATS_TLS_CERT ? { certFile: auth.NATS_TLS_CERT, keyFile: auth.NATS_TLS_KEY } : {}),
        }
      : undefined;
  return {
    ...(auth.NATS_USER
      ? { user: auth.NATS_USER, pass: auth.NATS_PASSWORD, inboxPrefix: natsInboxPrefix(auth.NATS_USER) }
      : {}),
    ...(tls ? { tls } : {}),
  };
}

/**
 * The subject a running service answers to say it is there. A caller waiting on a command asks it
 * now and then: when nobody answers, the service died (or its connection did) with the command
 * in hand, and the caller stops waiting at once instead of sitting out the command timeout.
 */
export function presenceSubject(service: string): string {
  return `presence.${service}`;
}

/**
 * The service's own NATS connection for outgoing requests, JetStream publishing and
 * consuming. Nest's microservice server keeps its own connection for incoming requests.
 */
@Injectable()
export class NatsConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('NatsConnection');
  private connection?: RawNatsConnection;
  private jsClient?: JetStreamClient;
  private manager?: JetStreamManager;
  /** Between a disconnect and the reconnect the client is neither closed nor connected. */
  private disconnected = false;

  constructor(
    private readonly servers: string,
    private readonly name: string,
    /** The service this process runs; it answers `presenceSubject(service)` while connected. */
    private readonly service?: string,
    /** Who it connects as (see `natsAuthOptions`); anonymous when empty. */
    private readonly auth: NatsAuth = {},
  ) {}

  async open(): Promise<void> {
    if (this.connection) return;
    this.connection = await connect({
      servers: this.servers.split(','),
      name: this.name,
      ...natsAuthOptions(this.auth),
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    if (this.service) {
      // Answered on this connection, re-subscribed by the client after every reconnect.
      this.connection.subscribe(presenceSubject(this.service), {
        queue: 'presence',
        callback: (_error, msg) => void msg.respond(),
      });
    }
    void (async (connection: RawNatsConnection) => {
      for await (const status of connection.status()) {
        if (status.type === 'disconnect') {
          this.disconnected = true;
          this.logger.warn(`lost the connection to ${status.server}; reconnecting`);
        } else if (status.type === 'reconnect') {
          this.disconnected = false;
          this.logger.log(`reconnected to ${connection.getServer()}`);
        }
      }
    })(this.connection);
    this.jsClient = jetstream(this.connection);
    this.manager = await jetstreamManager(this.connection);
    this.logger.log(`connected to ${this.connection.getServer()}`);
  }

  get nc(): RawNatsConnection {
    if (!this.connection) throw new Error('NATS connection is not open');
    return this.connection;
  }

  get js(): JetStreamClient {
    if (!this.jsClient) throw new Error('NATS connection is not open');
    return this.jsClient;
  }

  get jsm(): JetStreamManager {
    if (!this.manager) throw new Error('NATS connection is not open');
    return this.manager;
  }

  isConnected(): boolean {
    return !!this.connection && !this.disconnected && !this.connection.isClosed() && !this.connection.isDraining();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection && !this.connection.isClosed()) {
      await this.connection.drain().catch(() => undefined);
    }
  }
}
