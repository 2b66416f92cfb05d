import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** Variables every NATS client reads: a service, or a command that talks to the running system. */
export class NatsClientConfig {
  @Matches(/^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/, {
    message: 'NATS_URL must be one or more nats:// URLs separated by commas',
  })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @Min(100)
  @IsInt({ message: 'NATS_REQUEST_TIMEOUT_MS must be an integer' })
  NATS_REQUEST_TIMEOUT_MS: number = 5000;
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
