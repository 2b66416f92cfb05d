import { ConfigError, loadConfig } from './config.js';
import { ServiceConfig } from './service-config.js';

describe('loadConfig', () => {
  const base = { DATABASE_URL: 'postgres://u@h/db', PORT: '3000' };

  it('reads numbers from the environment and keeps defaults for what is unset', () => {
    const config = loadConfig(ServiceConfig, { ...base, EVENT_ACK_WAIT_MS: '3000' });
    expect(config).toMatchObject({
      PORT: 3000,
      EVENT_ACK_WAIT_MS: 3000,
      NATS_REQUEST_TIMEOUT_MS: 5000,
      LOG_LEVEL: 'info',
    });
  });

  it('names every missing or bad variable', () => {
    let error: unknown;
    try {
      loadConfig(ServiceConfig, { PORT: 'abc', LOG_LEVEL: 'loud', NATS_URL: 'http://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['DATABASE_URL', 'PORT', 'LOG_LEVEL', 'NATS_URL']) expect(message).toContain(`${name}:`);
  });
});
