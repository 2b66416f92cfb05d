import { accessSync, constants } from 'node:fs';
import { IsIn, IsInt, IsString, Matches, Max, Min, registerDecorator, ValidateIf } from 'class-validator';

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

/** Variables every service reads. Apps extend this with their own. */
export class ServiceConfig extends NatsClientConfig {
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

  @IsString({ message: 'HOST must be an address to bind to' })
  HOST: string = '127.0.0.1';
}
