import { connect, type NatsConnection } from '@nats-io/transport-node';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrdersSubjects } from '#contracts';
import { freePort, stopChild, waitForPort } from '#testing';
import { loadConfig, NATS_IDENTITY_NAMES, NatsClientConfig, natsAuthOptions, natsServerConfig } from '../src/index.js';

/**
 * NATS over TLS with client certificates, as a deployment that sets NATS_TLS_CA, NATS_TLS_CERT and
 * NATS_TLS_KEY runs it: a real nats-server that verifies clients, certificates made by openssl
 * for the test. A service's connection options (natsAuthOptions, used by both of its connections)
 * get through; a client without a certificate, or that does not know the CA, does not.
 */
describe('NATS over TLS with client certificates', () => {
  let dir: string;
  let server: ChildProcess;
  let url: string;
  const passwords = Object.fromEntries(NATS_IDENTITY_NAMES.map((name) => [name, randomBytes(12).toString('hex')]));
  const open: NatsConnection[] = [];

  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  /** A new P-256 key in `<name>-key.pem` and, with `extra`, a request or self-signed certificate. */
  const newKey = (name: string, ...extra: string[]) =>
    openssl(
      'req',
      ...extra,
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      `${name}-key.pem`,
    );
  /** A key and a certificate signed by the test CA, for `name`, with `extensions` (SAN, key usage). */
  const issue = (name: string, extensions: string) => {
    writeFileSync(join(dir, `${name}.ext`), extensions);
    newKey(name, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
    );
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'o2c-tls-'));
    newKey('ca', '-x509', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=o2c test CA');
    issue('server', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    issue('orders', 'extendedKeyUsage=clientAuth\n');
    const port = await freePort();
    const conf = join(dir, 'nats.conf');
    writeFileSync(
      conf,
      natsServerConfig({
        preamble: [
          `tls: { cert_file: "${join(dir, 'server.pem')}", key_file: "${join(dir, 'server-key.pem')}", ca_file: "${join(dir, 'ca.pem')}", verify: true }`,
        ],
        passwords: { kind: 'literal', passwords },
      }),
    );
    server = spawn('nats-server', ['-c', conf, '-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    await waitForPort(port, server, 10_000);
    url = `tls://127.0.0.1:${port}`;
  }, 60_000);

  afterAll(async () => {
    for (const nc of open) await nc.close().catch(() => undefined);
    if (server) await stopChild(server);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The connection options a service gets from its validated NATS_* variables. */
  const optionsOf = (identity: string, tls: Record<string, string>) => {
    const config = loadConfig(NatsClientConfig, {
      NATS_URL: url,
      NATS_USER: identity,
      NATS_PASSWORD: passwords[identity],
      ...tls,
    });
    return { servers: config.NATS_URL, reconnect: false, ...natsAuthOptions(config) };
  };
  const files = (client: string) => ({
    NATS_TLS_CA: join(dir, 'ca.pem'),
    NATS_TLS_CERT: join(dir, `${client}.pem`),
    NATS_TLS_KEY: join(dir, `${client}-key.pem`),
  });

  it('carries a request and its reply between two services that present certificates', async () => {
    const orders = await connect(optionsOf('orders', files('orders')));
    const gateway = await connect(optionsOf('gateway', files('orders')));
    open.push(orders, gateway);
    orders.subscribe(OrdersSubjects.getOrder, { queue: 'orders', callback: (_e, msg) => void msg.respond('over tls') });
    await orders.flush();
    const reply = await gateway.request(OrdersSubjects.getOrder, '{}', { timeout: 5000 });
    expect(reply.string()).toBe('over tls');
    expect(orders.info?.tls_required).toBe(true);
  });

  it('refuses a client without a certificate, and one that does not know the CA', async () => {
    // The server ends the handshake of a client that presents no certificate: an alert (bad or
    // required certificate) or, when the alert loses the race with the close, a reset connection.
    await expect(connect(optionsOf('orders', { NATS_TLS_CA: join(dir, 'ca.pem') }))).rejects.toThrow(
      /certificate|ECONNRESET|socket disconnected|connection closed/i,
    );
    // A client that does not know the CA refuses the server's certificate, with TLS files or without.
    await expect(
      connect(
        optionsOf('orders', { NATS_TLS_CERT: join(dir, 'orders.pem'), NATS_TLS_KEY: join(dir, 'orders-key.pem') }),
      ),
    ).rejects.toThrow('unable to verify the first certificate');
    await expect(
      connect({ servers: url.replace('tls://', 'nats://'), reconnect: false, user: 'orders', pass: passwords.orders }),
    ).rejects.toThrow('unable to verify the first certificate');
  });
});
