import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as contracts from '#contracts';
import { durableConsumerName, NATS_IDENTITIES, type ServiceName } from './nats-identities.js';
import { deployNatsConfig, natsPermissions, requestSubjectsOf } from './nats-permissions.js';

const SERVICES: ServiceName[] = ['gateway', 'orders', 'inventory', 'warehouse', 'billing', 'pricing'];

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) yield path;
  }
}

/** `OrdersSubjects.placeOrder` as the subject it names. */
function resolve(reference: string): string {
  const [map, key] = reference.split('.');
  const subjects = (contracts as unknown as Record<string, Record<string, string> | undefined>)[map];
  const subject = subjects?.[key];
  if (!subject) throw new Error(`${reference} names no subject of contracts`);
  return subject;
}

/** What a service's code requests, consumes (with the durable name) and answers, read from its sources. */
function usedBy(service: ServiceName): { calls: Set<string>; durables: Set<string>; handles: Set<string> } {
  const calls = new Set<string>();
  const durables = new Set<string>();
  const handles = new Set<string>();
  for (const file of sources(join(process.cwd(), 'apps', service, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\.request(?:<[^>]*>)?\(\s*(\w+Subjects\.\w+)/g)) calls.add(resolve(m[1]));
    // The consistency facts go through one `page(subject, ...)`: FactSubjects lists them.
    for (const m of text.matchAll(/allPages\(\s*sources,\s*(\w+Subjects\.\w+)/g)) calls.add(resolve(m[1]));
    // The dead letters of every service with consumers go through one `deadLetterSubjects(service).<key>`.
    for (const m of text.matchAll(/\.request\(\s*deadLetterSubjects\((?:[^()]|\([^()]*\))*\)\.(\w+)/g))
      for (const owner of contracts.DEAD_LETTER_SERVICES)
        calls.add((contracts.deadLetterSubjects(owner) as Record<string, string>)[m[1]]);
    for (const m of text.matchAll(/consumers\.on\(\s*(\w+Subjects\.\w+),\s*\{[^}]*?(?:name:\s*'([^']+)')?[^}]*\}/g))
      durables.add(
        `${contracts.EventStreams[resolve(m[1]).split('.')[1] as 'orders'].name}.${durableConsumerName(service, m[2] ?? resolve(m[1]))}`,
      );
    for (const m of text.matchAll(/@Handles\(\s*(\w+Subjects\.\w+)/g)) handles.add(resolve(m[1]));
  }
  return { calls, durables, handles };
}

describe('NATS identities: every service may do what its code does', () => {
  it.each(SERVICES)(
    '%s may request every subject it calls, consume every stream it reads and answer its handlers',
    (service) => {
      const { calls, durables, handles } = usedBy(service);
      const rights = natsPermissions(service);
      expect(calls.size + durables.size + handles.size).toBeGreaterThan(0);
      expect([...calls].filter((s) => !rights.publish.includes(s))).toEqual([]);
      expect([...calls].filter((s) => !rights.publish.includes(`presence.${s.split('.')[0]}`))).toEqual([]);
      const consumerRights = [...durables].filter((d) => {
        const [stream, durable] = d.split('.');
        return !rights.publish.includes(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`);
      });
      expect(consumerRights).toEqual([]);
      expect([...handles].filter((s) => !rights.subscribe.includes(`${s} ${service}`))).toEqual([]);
    },
  );

  it('declares nothing a service does not use (a right left over is a right too many)', () => {
    for (const service of SERVICES) {
      const { calls } = usedBy(service);
      expect({ service, unused: NATS_IDENTITIES[service].calls.filter((s) => !calls.has(s)) }).toEqual({
        service,
        unused: [],
      });
    }
  });

  it('gives no service the whole JetStream API, another service’s inbox or a wildcard publish', () => {
    for (const service of SERVICES) {
      const { publish, subscribe } = natsPermissions(service);
      expect(publish.filter((s) => s === '>' || s.startsWith('$JS.API.>') || s === '$JS.API.*')).toEqual([]);
      expect(publish.filter((s) => /DELETE|PURGE|\.LIST|\.NAMES/.test(s))).toEqual([]);
      // One update: its own stream, to bring it to the configured replicas and limits.
      const own = (contracts.EventStreams as Record<string, { name: string } | undefined>)[service];
      expect(publish.filter((s) => s.includes('UPDATE'))).toEqual(own ? [`$JS.API.STREAM.UPDATE.${own.name}`] : []);
      expect(subscribe.filter((s) => s.startsWith('_INBOX.') && s !== `_INBOX.${service}.>`)).toEqual([]);
      // Besides: the reconnect announcements of exactly the services it calls (nats/reconnects.ts).
      const called = [...new Set(NATS_IDENTITIES[service].calls.map((c) => c.split('.')[0]))];
      expect(
        subscribe
          .filter((s) => !s.startsWith('_INBOX.') && !s.endsWith(` ${service}`) && !s.endsWith(' presence'))
          .sort(),
      ).toEqual(called.map((callee) => `presence.${callee}.reconnected`).sort());
      expect(publish.filter((s) => s.endsWith('.reconnected'))).toEqual([`presence.${service}.reconnected`]);
    }
    expect(requestSubjectsOf('gateway')).toEqual([contracts.GatewaySubjects.verifyApiKey]);
  });

  it('lets finance consume invoice posted and publish nothing else', () => {
    const { publish, subscribe, allowResponses } = natsPermissions('finance');
    expect(allowResponses).toBe(false);
    expect(subscribe).toEqual(['_INBOX.finance.>']);
    expect(publish.filter((s) => !s.startsWith('$JS.'))).toEqual([]);
    expect(
      publish.filter((s) => s.includes('CREATE.BILLING_EVENTS.') && !s.endsWith('.events.billing.invoice.posted')),
    ).toEqual(publish.filter((s) => s.includes('DURABLE.CREATE')));
  });

  it('checks in deploy/nats/nats.conf as the table generates it (npm run nats:config)', () => {
    expect(readFileSync(join(process.cwd(), 'deploy/nats/nats.conf'), 'utf8')).toBe(deployNatsConfig());
  });
});
