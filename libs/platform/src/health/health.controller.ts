import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../http/public.js';
import { NatsConnection } from '../nats/nats-connection.js';

/**
 * `GET /health`: up only when the service's database and NATS connection both are. It names
 * the process (`info.process.pid`), so a supervisor can tell this service from whatever else
 * answers on the port.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly nats: NatsConnection,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('database').withTimeout(1500),
      () =>
        this.indicators.check('nats').attempt(() => {
          if (!this.nats.isConnected()) throw new Error('NATS connection is down');
          return { server: this.nats.nc.getServer() };
        }),
      () => this.indicators.check('process').up({ pid: process.pid }),
    ]);
  }
}
