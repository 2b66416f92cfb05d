import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { EventConsumers } from '../events/event-consumers.js';
import { Public } from '../http/public.js';
import { NatsConnection } from '../nats/nats-connection.js';
import { ServiceLifecycle } from './lifecycle.js';

/**
 * Health for supervisors and orchestrators, each naming the process (`info.process.pid`) so a
 * supervisor can tell this service from whatever else answers on the port:
 * - `GET /health/live`: the process is up and its event loop answers (a liveness probe: restart
 *   the process when this fails). It stays up while the service drains.
 * - `GET /health/ready`: the service can take work: its migrations are done, its database answers,
 *   its NATS connection is up, every JetStream consumer it declares is attached, and it is not
 *   draining (a readiness probe: send no traffic while this is 503).
 * - `GET /health`: the same as ready.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly nats: NatsConnection,
    private readonly consumers: EventConsumers,
    private readonly lifecycle: ServiceLifecycle,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.indicators.check('process').up({ pid: process.pid })]);
  }

  @Get('ready')
  @HealthCheck()
  ready(@Res({ passthrough: true }) res: Response) {
    return this.readiness(res);
  }

  @Get()
  @HealthCheck()
  check(@Res({ passthrough: true }) res: Response) {
    return this.readiness(res);
  }

  /** 200 with what was checked; 503 with the same shape (`error` names what is down and why), not a problem. */
  private async readiness(res: Response) {
    try {
      return await this.checkReadiness();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse();
    }
  }

  private checkReadiness() {
    return this.health.check([
      () =>
        this.indicators.check('lifecycle').attempt(() => {
          if (this.lifecycle.draining) throw new Error('the service is stopping: draining what it has in hand');
          return { draining: false };
        }),
      () =>
        this.indicators.check('migrations').attempt(() => {
          if (!this.lifecycle.migrated) throw new Error('migrations have not run');
          return { done: true };
        }),
      () => this.db.pingCheck('database').withTimeout(1500),
      () =>
        this.indicators.check('nats').attempt(() => {
          if (!this.nats.isConnected()) throw new Error('NATS connection is down');
          if (!this.lifecycle.serverConnected) throw new Error('NATS connection of the request handlers is down');
          return { server: this.nats.nc.getServer() };
        }),
      () =>
        this.indicators.check('consumers').attempt(() => {
          const { declared, attached } = this.consumers.attachment();
          if (attached < declared) throw new Error(`${declared - attached} of ${declared} consumers are not attached`);
          return { declared, attached };
        }),
      () => this.indicators.check('process').up({ pid: process.pid }),
    ]);
  }
}
