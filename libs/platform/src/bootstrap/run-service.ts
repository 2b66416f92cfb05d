import 'reflect-metadata';
import { type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomStrategy } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '../config/config.js';
import { requireCallerKeys, type ServiceConfig } from '../config/service-config.js';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../database/data-source.js';
import { ProblemJsonFilter } from '../errors/problem-json.filter.js';
import { natsAuthOptions } from '../nats/nats-connection.js';
import { ServiceLogger } from '../logging/logger.js';
import { DrainingNatsServer, ServiceLifecycle } from '../health/lifecycle.js';
import { PlatformModule } from '../platform.module.js';
import { securityHeaders } from '../http/security-headers.js';
import { allowedOrigins, enableCors } from '../http/cors.js';
import { rememberRoutes } from '../http/routes.js';
import { createValidationPipe } from '../errors/validation.js';
import { startTracing } from '../tracing/tracing.js';

export interface ServiceDefinition<C extends ServiceConfig> {
  name: string;
  config: new () => C;
  module: (config: C) => DynamicModule;
  /** Extra HTTP set-up (the gateway adds OpenAPI). */
  configureHttp?: (app: INestApplication, config: C) => void | Promise<void>;
}

/**
 * Creates the hybrid app: a NATS microservice in the queue group named after the service
 * (so replicas share the work) plus its HTTP server, with validation and error mapping at
 * both edges.
 */
export async function createService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(definition.module(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(ServiceLogger));
  app.use(securityHeaders());
  const origins = allowedOrigins(config.CORS_ALLOWED_ORIGINS ?? '');
  if (origins.length > 0) enableCors(app, origins);
  // JSON bodies are read after the request id is set (PlatformModule, http/body.ts).
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemJsonFilter());
  // Signals are the process's (runService): it drains before it closes.
  app.connectMicroservice<CustomStrategy>(
    {
      strategy: new DrainingNatsServer(
        {
          servers: config.NATS_URL.split(','),
          queue: definition.name,
          name: `${definition.name}-server`,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 500,
          ...natsAuthOptions(config),
        },
        app.get(ServiceLifecycle),
        config.SHUTDOWN_TIMEOUT_MS,
        definition.name,
      ),
    },
    { inheritAppConfig: true },
  );
  await definition.configureHttp?.(app, config);
  await app.init();
  rememberRoutes(app);
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  return app;
}

/** Entry point of a service process: validates config (exiting with a message naming each bad variable), then starts. */
export async function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>): Promise<void> {
  let config: C;
  try {
    config = loadConfig(definition.config);
    if (process.env.MIGRATE_ONLY !== '1') requireCallerKeys(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${definition.name}: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  if (process.env.MIGRATE_ONLY === '1') return migrateOnly(definition, config);
  // Off unless an OTLP endpoint is configured; flushed by PlatformModule's last shutdown hook.
  startTracing(definition.name, config);
  try {
    const app = await createService(definition, config);
    const url = await app.getUrl();
    app.get(ServiceLogger).log(`${definition.name} ready: HTTP ${url}, NATS queue "${definition.name}"`);
    stopOnSignals(app, config);
  } catch (error) {
    process.stderr.write(
      `${definition.name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  }
}

/** `npm run migrate`: brings the service's schema up to date and exits, without NATS. */
async function migrateOnly<C extends ServiceConfig>(definition: ServiceDefinition<C>, config: C): Promise<void> {
  const options = PlatformModule.optionsOf(definition.module(config));
  if (!options) throw new Error(`${definition.name} does not use PlatformModule`);
  const dataSource = new DataSource(
    dataSourceOptions({
      url: config.DATABASE_URL,
      schema: options.name,
      migrations: options.migrations,
    }),
  );
  await dataSource.initialize();
  const applied = await runMigrations(dataSource, options.name);
  await dataSource.destroy();
  process.stdout.write(
    `${definition.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`,
  );
}

/**
 * SIGTERM or SIGINT stops the service gracefully: readiness answers 503 at once, the service keeps
 * serving for SHUTDOWN_DELAY_MS (so a load balancer or Kubernetes stops sending it work), then it
 * stops taking new HTTP requests, NATS requests (it leaves its queue group) and events, finishes
 * those in hand, publishes what its outbox holds, and exits 0. If that takes longer than
 * SHUTDOWN_TIMEOUT_MS it exits 1 anyway: whatever it had not finished is redelivered (events),
 * retried by the caller (requests) or relayed by the next process (outbox rows).
 */
function stopOnSignals(app: INestApplication, config: ServiceConfig): void {
  const lifecycle = app.get(ServiceLifecycle);
  const logger = app.get(ServiceLogger);
  const stop = async (signal: NodeJS.Signals) => {
    if (lifecycle.draining) return;
    lifecycle.startDraining();
    logger.log(`${signal}: draining (not ready), stopping in ${config.SHUTDOWN_DELAY_MS} ms`);
    setTimeout(() => {
      logger.error(`still stopping after ${config.SHUTDOWN_TIMEOUT_MS} ms; exiting with work unfinished`);
      process.exit(1);
    }, config.SHUTDOWN_DELAY_MS + config.SHUTDOWN_TIMEOUT_MS).unref();
    await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DELAY_MS));
    try {
      await app.close();
    } catch (error) {
      logger.error(`stopping failed: ${(error as Error).message}`);
      process.exit(1);
    }
    logger.log('stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));
}
