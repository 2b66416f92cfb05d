import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './config.js';
import { requireCallerKeys, ServiceConfig } from './service-config.js';

describe('loadConfig', () => {
  const pair = generateKeyPairSync('ed25519');
  const signingKey = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const callerKeys = {
    CALLER_SIGNING_KEY: signingKey,
    CALLER_TRUSTED_KEYS: `gateway:${publicKey},orders:${publicKey}`,
  };
  const base = { DATABASE_URL: 'postgres://u@h/db', PORT: '3000', ...callerKeys };

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

  it('names a bad NATS user, a password without a user, and a TLS file that cannot be read', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(ServiceConfig, { ...base, ...env });
        return '';
      } catch (e) {
        return (e as ConfigError).message;
      }
    };
    expect(problems({ NATS_USER: 'billing', NATS_PASSWORD: 'long-enough-secret' })).toBe('');
    expect(problems({ NATS_USER: 'Bad User', NATS_PASSWORD: 'long-enough-secret' })).toContain('NATS_USER:');
    expect(problems({ NATS_PASSWORD: 'short' })).toMatch(/NATS_USER:[\s\S]*NATS_PASSWORD:/);
    expect(problems({ NATS_TLS_CA: '/no/such/ca.pem' })).toContain(
      'NATS_TLS_CA: NATS_TLS_CA must be the path of a readable PEM file',
    );
    expect(problems({ NATS_TLS_CERT: '/etc/hostname' })).toContain('NATS_TLS_KEY:');
  });

  it("reads the streams' replicas and limits, keeping every event on one copy unless told", () => {
    expect(loadConfig(ServiceConfig, base)).toMatchObject({
      JETSTREAM_REPLICAS: 1,
      STREAM_MAX_AGE_DAYS: 0,
      STREAM_MAX_BYTES: 0,
      STREAM_MAX_MSGS: 0,
    });
    expect(
      loadConfig(ServiceConfig, {
        ...base,
        JETSTREAM_REPLICAS: '3',
        STREAM_MAX_AGE_DAYS: '365',
        STREAM_MAX_BYTES: '1073741824',
      }),
    ).toMatchObject({ JETSTREAM_REPLICAS: 3, STREAM_MAX_AGE_DAYS: 365, STREAM_MAX_BYTES: 1073741824 });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(ServiceConfig, { ...base, ...env });
        return '';
      } catch (e) {
        return (e as ConfigError).message;
      }
    };
    for (const replicas of ['0', '6', '2.5', 'three'])
      expect(problems({ JETSTREAM_REPLICAS: replicas })).toContain(
        'JETSTREAM_REPLICAS: JETSTREAM_REPLICAS must be an integer from 1 to 5',
      );
    expect(problems({ STREAM_MAX_AGE_DAYS: '-1' })).toContain('STREAM_MAX_AGE_DAYS:');
    expect(problems({ STREAM_MAX_BYTES: '10GB' })).toContain('STREAM_MAX_BYTES:');
    expect(problems({ STREAM_MAX_MSGS: '-5' })).toContain('STREAM_MAX_MSGS:');
  });

  it('requires the caller-context keys and says what is wrong with them', () => {
    const message = (env: Record<string, string>) => {
      try {
        requireCallerKeys(loadConfig(ServiceConfig, { DATABASE_URL: 'postgres://u@h/db', PORT: '3000', ...env }));
        return '';
      } catch (e) {
        return (e as ConfigError).message;
      }
    };
    expect(message(callerKeys)).toBe('');
    expect(message({})).toMatch(/CALLER_SIGNING_KEY: CALLER_SIGNING_KEY is required/);
    expect(message({})).toMatch(/CALLER_TRUSTED_KEYS: CALLER_TRUSTED_KEYS is required/);
    // A public key where the private one belongs, an RSA key, a list entry without a name.
    expect(message({ ...callerKeys, CALLER_SIGNING_KEY: publicKey })).toContain(
      'CALLER_SIGNING_KEY: CALLER_SIGNING_KEY must be',
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'der', type: 'pkcs8' })
      .toString('base64');
    expect(message({ ...callerKeys, CALLER_SIGNING_KEY: rsa })).toContain('not Ed25519');
    expect(message({ ...callerKeys, CALLER_TRUSTED_KEYS: publicKey })).toContain('is not name:key');
    expect(message({ ...callerKeys, CALLER_TRUSTED_KEYS: 'gateway:abc' })).toContain('the key of gateway is not');
    expect(message({ ...callerKeys, CALLER_CONTEXT_TTL_SECONDS: '3600' })).toContain('CALLER_CONTEXT_TTL_SECONDS:');
  });

  it('takes an OTLP endpoint for traces (optional) and names one that is no http URL', () => {
    expect(loadConfig(ServiceConfig, base).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(
      loadConfig(ServiceConfig, {
        ...base,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces',
      }),
    ).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces',
    });
    for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) {
      expect(() => loadConfig(ServiceConfig, { ...base, [name]: 'collector:4318' })).toThrow(
        `${name}: ${name} must be an http:// or https:// URL`,
      );
    }
  });
});
