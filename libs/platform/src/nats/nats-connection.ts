import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { connect, type NatsConnection as RawNatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';

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

  constructor(
    private readonly servers: string,
    private readonly name: string,
    /** The service this process runs; it answers `presenceSubject(service)` while connected. */
    private readonly service?: string,
  ) {}

  async open(): Promise<void> {
    if (this.connection) return;
    this.connection = await connect({
      servers: this.servers.split(','),
      name: this.name,
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
    return !!this.connection && !this.connection.isClosed() && !this.connection.isDraining();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection && !this.connection.isClosed()) {
      await this.connection.drain().catch(() => undefined);
    }
  }
}
