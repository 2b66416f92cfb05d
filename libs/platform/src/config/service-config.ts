import { accessSync, constants } from 'node:fs';
import { IsIn, IsInt, IsString, IsUrl, Matches, Max, Min, registerDecorator, ValidateIf } from 'class-validator';
import { parseSigningKey, parseTrustedKeys } from '../nats/caller-context.js';
import { ConfigError } from './config.js';

/** A value `parse` accepts; the message names the variable and what `parse` said. */
function Parses(name: string, parse: (value: string) => unknown, what: string): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'parses',
      target: target.constructor,
      propertyName: property as string,
      options: {
        message: (args) => {
          if (typeof args.value !== 'string' || args.value === '') return `${name} is required: ${what}`;
          try {
            parse(args.value);
            return `${name} must be ${what}`;
          } catch (error) {
            return `${name} must be ${what} (${error instanceof Error ? error.message : String(error)})`;
          }
        },
      },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value === '') return false;
          try {
            parse(value);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

/** A file this process can read (a TLS certificate or key). */
function IsReadableFile(name: string): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isReadableFile',
      target: target.constructor,
      propertyName: property as string,
      options: { message: `${name} must be the path of a readable PEM file` },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value === '') return false;
          try {
            accessSync(value, constants.R_OK);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

/** An OTLP endpoint: a collector on a cluster-internal name or localhost has no top-level domain. */
const OTLP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** Variables every NATS client reads: a service, or a command that talks to the running system. */
export class NatsClientConfig {
  @Matches(/^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/, {
    message: 'NATS_URL must be one or more nats:// URLs separated by commas',
  })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @Min(100)
  @IsInt({ message: 'NATS_REQUEST_TIMEOUT_MS must be an integer' })
  NATS_REQUEST_TIMEOUT_MS: number = 5000;

  /**
   * The NATS user this process connects as (a service's own name, `ops`, `finance`); its rights
   * are that identity's in the permissions table (libs/platform/src/nats/nats-identities.ts).
   */
  @ValidateIf((c: NatsClientConfig) => c.NATS_USER !== undefined || c.NATS_PASSWORD !== undefined)
  @Matches(/^[a-z][a-z0-9_-]{0,63}$/, {
    message:
      'NATS_USER must be a user name of lower-case letters, digits, dash or underscore (set it with NATS_PASSWORD)',
  })
  NATS_USER?: string;

  @ValidateIf((c: NatsClientConfig) => c.NATS_USER !== undefined || c.NATS_PASSWORD !== undefined)
  @Matches(/^\S{8,}$/, {
    message: 'NATS_PASSWORD must be at least 8 characters without spaces (set it with NATS_USER)',
  })
  NATS_PASSWORD?: string;

  /** CA certificate (PEM) to verify the NATS server's certificate with; turns TLS on. */
  @ValidateIf((c: NatsClientConfig) => c.NATS_TLS_CA !== undefined)
  @IsReadableFile('NATS_TLS_CA')
  NATS_TLS_CA?: string;

  /** Client certificate (PEM) for servers that verify clients; needs NATS_TLS_KEY. */
  @ValidateIf((c: NatsClientConfig) => c.NATS_TLS_CERT !== undefined || c.NATS_TLS_KEY !== undefined)
  @IsReadableFile('NATS_TLS_CERT')
  NATS_TLS_CERT?: string;

  @ValidateIf((c: NatsClientConfig) => c.NATS_TLS_CERT !== undefined || c.NATS_TLS_KEY !== undefined)
  @IsReadableFile('NATS_TLS_KEY')
  NATS_TLS_KEY?: string;
}

/** The key a process signs its caller contexts with (libs/platform/src/nats/caller-context.ts). */
export class CallerSigningConfig extends NatsClientConfig {
  /**
   * This process's Ed25519 private key: base64 of its PKCS#8 DER (`npm run caller-keys` makes them),
   * or PEM. Required to run (`requireCallerKeys`); a migration or an offline check does without.
   */
  @ValidateIf((c: CallerSigningConfig) => c.CALLER_SIGNING_KEY !== undefined)
  @Parses('CALLER_SIGNING_KEY', parseSigningKey, 'an Ed25519 private key (base64 PKCS#8 DER or PEM)')
  CALLER_SIGNING_KEY?: string;

  /** How long a signed caller context is valid (each request signs a fresh one). */
  @Min(5)
  @Max(600)
  @IsInt({ message: 'CALLER_CONTEXT_TTL_SECONDS must be an integer from 5 to 600' })
  CALLER_CONTEXT_TTL_SECONDS: number = 60;
}

/** Variables every service reads. Apps extend this with their own. */
export class ServiceConfig extends CallerSigningConfig {
  /**
   * The public keys of every identity whose caller contexts this service believes:
   * `gateway:<base64 SPKI DER>,orders:<…>,…` (a name twice while its key is rotated).
   */
  @ValidateIf((c: ServiceConfig) => c.CALLER_TRUSTED_KEYS !== undefined)
  @Parses('CALLER_TRUSTED_KEYS', parseTrustedKeys, 'name:key pairs of Ed25519 public keys separated by commas')
  CALLER_TRUSTED_KEYS?: string;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL (it is required)' })
  DATABASE_URL: string;

  // class-validator checks the lowest decorator first: the type, then the range.
  @Min(0)
  @Max(65535)
  @IsInt({ message: 'PORT must be an integer' })
  PORT: number;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL: string = 'info';

  @Min(500)
  @IsInt({ message: 'EVENT_ACK_WAIT_MS must be an integer' })
  EVENT_ACK_WAIT_MS: number = 30000;

  /** Deliveries of an event whose handler keeps failing before it is dead-lettered. */
  @Min(1)
  @IsInt({ message: 'EVENT_MAX_ATTEMPTS must be an integer' })
  EVENT_MAX_ATTEMPTS: number = 10;

  /**
   * On SIGTERM or SIGINT: how long the service stays up answering `/health/ready` with 503 before
   * it stops taking work, so a load balancer or Kubernetes takes it out of rotation first.
   */
  @Min(0)
  @Max(120000)
  @IsInt({ message: 'SHUTDOWN_DELAY_MS must be an integer from 0 to 120000' })
  SHUTDOWN_DELAY_MS: number = 0;

  /** Then, at most this long for the requests and events in hand to finish before the process exits anyway. */
  @Min(100)
  @Max(600000)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be an integer from 100 to 600000' })
  SHUTDOWN_TIMEOUT_MS: number = 25000;

  /**
   * Copies of each event stream and its consumers on the servers of a JetStream cluster: 3 keeps
   * every event and consumer position through the loss of one server. A single server takes 1.
   */
  @Min(1, { message: 'JETSTREAM_REPLICAS must be an integer from 1 to 5' })
  @Max(5, { message: 'JETSTREAM_REPLICAS must be an integer from 1 to 5' })
  @IsInt({ message: 'JETSTREAM_REPLICAS must be an integer from 1 to 5' })
  JETSTREAM_REPLICAS: number = 1;

  /**
   * Retention of the event streams, oldest events discarded first; 0 (the default) keeps them all.
   * The consistency check and finance subscribers read BILLING_EVENTS from its first event.
   */
  @Min(0, { message: 'STREAM_MAX_AGE_DAYS must be a whole number of days (0: no limit)' })
  @IsInt({ message: 'STREAM_MAX_AGE_DAYS must be a whole number of days (0: no limit)' })
  STREAM_MAX_AGE_DAYS: number = 0;

  @Min(0, { message: 'STREAM_MAX_BYTES must be a number of bytes per stream (0: no limit)' })
  @IsInt({ message: 'STREAM_MAX_BYTES must be a number of bytes per stream (0: no limit)' })
  STREAM_MAX_BYTES: number = 0;

  @Min(0, { message: 'STREAM_MAX_MSGS must be a number of events per stream (0: no limit)' })
  @IsInt({ message: 'STREAM_MAX_MSGS must be a number of events per stream (0: no limit)' })
  STREAM_MAX_MSGS: number = 0;

  @IsString({ message: 'HOST must be an address to bind to' })
  HOST: string = '127.0.0.1';

  /**
   * Origins a browser may call this service's HTTP API from (the gateway's REST API, the scanner
   * API), separated by commas, e.g. `https://shop.example.com,http://localhost:5173`; empty: none.
   */
  @ValidateIf((c: ServiceConfig) => c.CORS_ALLOWED_ORIGINS !== undefined)
  @Matches(/^\s*https?:\/\/[^\s,/]+\/?(\s*,\s*https?:\/\/[^\s,/]+\/?)*\s*$/, {
    message: 'CORS_ALLOWED_ORIGINS must be origins such as https://shop.example.com, separated by commas',
  })
  CORS_ALLOWED_ORIGINS?: string;

  /**
   * OTLP/HTTP endpoint of an OpenTelemetry collector (or Jaeger, Tempo…), e.g.
   * `http://otel-collector:4318`: spans go to `<it>/v1/traces`. With neither this nor
   * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT set, tracing is off.
   */
  @ValidateIf((c: ServiceConfig) => c.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined)
  @IsUrl(OTLP_URL, {
    message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL such as http://collector:4318',
  })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The full URL spans are posted to (wins over OTEL_EXPORTER_OTLP_ENDPOINT), e.g. `http://collector:4318/v1/traces`. */
  @ValidateIf((c: ServiceConfig) => c.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined)
  @IsUrl(OTLP_URL, {
    message:
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http:// or https:// URL such as http://collector:4318/v1/traces',
  })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
}

/**
 * Throws a ConfigError unless the caller-context keys a running service (or, with
 * `trusted: false`, a command that only asks) needs are set; their format is checked with the rest.
 */
export function requireCallerKeys(
  config: CallerSigningConfig & { CALLER_TRUSTED_KEYS?: string },
  trusted = true,
): void {
  const problems = [
    ...(config.CALLER_SIGNING_KEY
      ? []
      : [
          "CALLER_SIGNING_KEY: CALLER_SIGNING_KEY is required: this process's Ed25519 private key (npm run caller-keys)",
        ]),
    ...(!trusted || config.CALLER_TRUSTED_KEYS
      ? []
      : [
          'CALLER_TRUSTED_KEYS: CALLER_TRUSTED_KEYS is required: name:key pairs of the identities this service believes',
        ]),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
}
