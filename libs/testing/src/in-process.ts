import type { INestApplication } from '@nestjs/common';
import { createService, loadConfig, type ServiceConfig, type ServiceDefinition } from '#platform';
import { freePort } from './infra.js';

/** Boots one service inside the test process against real Postgres and NATS. */
export async function startInProcess<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  env: Record<string, string>,
): Promise<INestApplication> {
  const config = loadConfig(definition.config, { LOG_LEVEL: 'warn', PORT: String(await freePort()), ...env });
  return createService(definition, config);
}
