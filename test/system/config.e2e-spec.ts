import { spawnSync } from 'node:child_process';
import { SERVICE_NAMES } from '#testing';

/** A service with a missing or bad variable stops at once and names it. */
describe('configuration is validated at boot', () => {
  it.each(SERVICE_NAMES)('%s refuses to start without DATABASE_URL and with a bad PORT', (name) => {
    const result = spawnSync(process.execPath, [`dist/apps/${name}/src/main.js`], {
      env: { PATH: process.env.PATH, PORT: 'eighty', NATS_URL: 'nats://127.0.0.1:4222' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain(`${name}: Invalid configuration`);
    expect(result.stderr).toMatch(/DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL/);
    expect(result.stderr).toMatch(/- PORT: PORT must be an integer\n/);
  });
});
