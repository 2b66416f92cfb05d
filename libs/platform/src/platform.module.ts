import { type DynamicModule, Inject, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { RequestHandler } from 'express';
import { DataSource, type MigrationInterface } from 'typeorm';
import { DEAD_LETTER_SERVICES, type DeadLetterService } from '#contracts';
import type { ServiceConfig } from './config/service-config.js';
import { dataSourceOptions, runMigrations } from './database/data-source.js';
import { DeadLetters } from './events/dead-letters.js';
import { deadLettersHandler } from './events/dead-letters.handler.js';
import { EventConsumers } from './events/event-consumers.js';
import { OutboxRelay } from './events/outbox.relay.js';
import { OutboxService } from './events/outbox.service.js';
import { describeEnsured, ensureStreams, ownStreamOf, streamSettingsOf } from './events/streams.js';
import { HealthController } from './health/health.controller.js';
import { ServiceLifecycle } from './health/lifecycle.js';
import { inputGuardMiddleware } from './http/input-guard.js';
import { jsonBodyMiddleware, MediaTypeInterceptor } from './http/body.js';
import { requestContextMiddleware } from './http/request-context.middleware.js';
import { createServiceLog, httpRequestLog, ServiceLogger } from './logging/logger.js';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware.js';
import { COLLECT_TIMEOUT_MS, Metrics } from './metrics/metrics.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { registerPlatformGauges } from './metrics/platform-gauges.js';
import { RpcRolesGuard } from './nats/allow-roles.js';
import { CallerContexts } from './nats/caller-context.js';
import { NatsConnection } from './nats/nats-connection.js';
import { streamsToEnsure } from './nats/nats-permissions.js';
import { RpcContextInterceptor } from './nats/rpc-context.interceptor.js';
import { ServiceClient } from './nats/service-client.js';
import { httpTracingMiddleware } from './tracing/http-tracing.middleware.js';
import { TracingShutdown } from './tracing/tracing.js';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
const HTTP_REQUEST_LOG = Symbol('HTTP_REQUEST_LOG');
const PLATFORM_GAUGES = Symbol('PLATFORM_GAUGES');

export interface PlatformOptions {
  /** Service name: NATS queue group, Postgres schema, durable consumer prefix. */
  name: string;
  config: ServiceConfig;
  migrations: Array<new () => MigrationInterface>;
  /** Log every HTTP request (the gateway and the scanner API do). */
  logHttp?: boolean;
  /** Ack wait of durable consumers: how soon an unacknowledged event is redelivered. */
  eventAckWaitMs?: number;
}

/**
 * Everything a service stands on: logging, its database schema (migrated at start-up),
 * its NATS connection and JetStream streams, the outbox relay, durable consumers with
 * an inbox, the signed caller context of every NATS request (verified before any handler runs),
 * role and rights checks, `/health` (live and ready: health/health.controller.ts) and `/metrics`
 * (Prometheus: metrics/metrics.ts).
 */
@Module({})
export class PlatformModule implements NestModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { name, config } = options;
    const logger = new ServiceLogger(createServiceLog(name, config.LOG_LEVEL));
    const lifecycle = new ServiceLifecycle();
    // One registry per app, not prom-client's global one: tests build several apps in one process.
    const metrics = new Metrics(name);
    const module: DynamicModule & { [PLATFORM_OPTIONS]?: PlatformOptions } = {
      module: PlatformModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            dataSourceOptions({
              url: config.DATABASE_URL,
              schema: name,
              migrations: options.migrations,
            }),
          dataSourceFactory: async (dsOptions) => {
            const dataSource = new DataSource(dsOptions!);
            await dataSource.initialize();
            await runMigrations(dataSource, name);
            lifecycle.migrated = true;
            return dataSource;
          },
        }),
        TerminusModule.forRoot({ logger: false }),
        // The routes, for the Allow header of a 405 (http/routes.ts).
        DiscoveryModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        ...(DEAD_LETTER_SERVICES.includes(name as DeadLetterService)
          ? [deadLettersHandler(name as DeadLetterService)]
          : []),
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: ServiceLogger, useValue: logger },
        { provide: ServiceLifecycle, useValue: lifecycle },
        { provide: Metrics, useValue: metrics },
        { provide: HTTP_REQUEST_LOG, useValue: httpRequestLog(logger.pino, options.logHttp ?? false) },
        { provide: CallerContexts, useFactory: () => CallerContexts.fromConfig(name, config) },
        {
          provide: NatsConnection,
          useFactory: async () => {
            const nats = new NatsConnection(config.NATS_URL, `${name}-client`, name, config);
            await nats.open();
            const own = ownStreamOf(name);
            const streams = await ensureStreams(nats.jsm, streamsToEnsure(name), {
              settings: streamSettingsOf(config),
              update: own ? [own] : [],
            });
            for (const ensured of streams)
              if (ensured.outcome !== 'unchanged') logger.log(describeEnsured(ensured), 'Streams');
            return nats;
          },
        },
        {
          provide: ServiceClient,
          useFactory: (nats: NatsConnection, callers: CallerContexts) =>
            new ServiceClient(nats, config.NATS_REQUEST_TIMEOUT_MS, callers, undefined, metrics),
          inject: [NatsConnection, CallerContexts],
        },
        { provide: OutboxService, useValue: new OutboxService(name) },
        {
          provide: OutboxRelay,
          useFactory: (dataSource: DataSource, nats: NatsConnection) =>
            new OutboxRelay(dataSource, nats, { schema: name, databaseUrl: config.DATABASE_URL }, metrics),
          inject: [getDataSourceToken(), NatsConnection],
        },
        {
          provide: EventConsumers,
          useFactory: (dataSource: DataSource, nats: NatsConnection) =>
            new EventConsumers(
              dataSource,
              nats,
              {
                service: name,
                schema: name,
                ackWaitMs: options.eventAckWaitMs ?? config.EVENT_ACK_WAIT_MS,
                maxAttempts: config.EVENT_MAX_ATTEMPTS,
                replicas: config.JETSTREAM_REPLICAS,
              },
              metrics,
            ),
          inject: [getDataSourceToken(), NatsConnection],
        },
        {
          // The gauges read at scrape time: consumers, outbox, dead letters, database pool.
          provide: PLATFORM_GAUGES,
          useFactory: (dataSource: DataSource, nats: NatsConnection, consumers: EventConsumers) => {
            registerPlatformGauges(metrics, {
              schema: name,
              dataSource,
              nats,
              consumers,
              timeoutMs: COLLECT_TIMEOUT_MS,
            });
            return true;
          },
          inject: [getDataSourceToken(), NatsConnection, EventConsumers],
        },
        {
          provide: DeadLetters,
          useFactory: (dataSource: DataSource, consumers: EventConsumers) =>
            new DeadLetters(dataSource, consumers, name),
          inject: [getDataSourceToken(), EventConsumers],
        },
        { provide: APP_INTERCEPTOR, useClass: RpcContextInterceptor },
        { provide: APP_INTERCEPTOR, useClass: MediaTypeInterceptor },
        { provide: APP_GUARD, useClass: RpcRolesGuard },
        TracingShutdown,
      ],
      exports: [
        SERVICE_CONFIG,
        ServiceLogger,
        ServiceLifecycle,
        Metrics,
        CallerContexts,
        NatsConnection,
        ServiceClient,
        OutboxService,
        OutboxRelay,
        EventConsumers,
        TypeOrmModule,
      ],
    };
    module[PLATFORM_OPTIONS] = options;
    return module;
  }

  /** The platform options inside an app's root module (for running only its migrations). */
  static optionsOf(root: DynamicModule): PlatformOptions | undefined {
    for (const imported of root.imports ?? []) {
      const found = (imported as { [PLATFORM_OPTIONS]?: PlatformOptions })[PLATFORM_OPTIONS];
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Every HTTP route (the gateway's API, the warehouse scanner API, health, metrics): metrics, a span,
   * a request id, the JSON body, then the input guard.
   */
  constructor(
    @Inject(HTTP_REQUEST_LOG) private readonly requestLog: RequestHandler,
    private readonly metrics: Metrics,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    // Before everything, so a request refused by a later middleware is counted and timed too.
    consumer.apply(httpMetricsMiddleware(this.metrics)).forRoutes('*path');
    // Then tracing, so the request's span is active for everything after it (tracing/http-tracing.middleware.ts).
    consumer.apply(httpTracingMiddleware).forRoutes('*path');
    consumer
      .apply(requestContextMiddleware, this.requestLog, jsonBodyMiddleware, inputGuardMiddleware)
      .forRoutes('*path');
  }
}
