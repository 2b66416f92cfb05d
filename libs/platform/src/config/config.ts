import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** Thrown when a configuration variable is missing or invalid; names each variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * Reads `env` into an instance of `schema` (a class with class-validator decorators whose
 * property names are the variable names) and validates it. Throws a ConfigError that
 * names every bad or missing variable.
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new schema();
  const raw: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const key of Object.keys(env)) if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  const config = plainToInstance(schema, raw, { enableImplicitConversion: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new ConfigError(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`));
  }
  return config;
}
