import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** Variables every service reads. Apps extend this with their own. */
export class ServiceConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL (it is required)' })
  DATABASE_URL: string;

  @Matches(/^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/, {
    message: 'NATS_URL must be one or more nats:// URLs separated by commas',
  })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @IsInt({ message: 'PORT must be an integer' })
  @Min(0)
  @Max(65535)
  PORT: number;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL: string = 'info';

  @IsInt({ message: 'NATS_REQUEST_TIMEOUT_MS must be an integer' })
  @Min(100)
  NATS_REQUEST_TIMEOUT_MS: number = 5000;

  @IsInt({ message: 'EVENT_ACK_WAIT_MS must be an integer' })
  @Min(500)
  EVENT_ACK_WAIT_MS: number = 30000;

  @IsString({ message: 'HOST must be an address to bind to' })
  HOST: string = '127.0.0.1';
}
