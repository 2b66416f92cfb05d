import {
  BillingSubjects,
  EventStreams,
  GatewaySubjects,
  InventorySubjects,
  OrdersSubjects,
  PricingSubjects,
  WarehouseSubjects,
} from '#contracts';
import {
  durableConsumerName,
  NATS_IDENTITIES,
  NATS_IDENTITY_NAMES,
  type NatsIdentity,
  type NatsIdentityName,
  type ServiceName,
} from './nats-identities.js';

/** The subject maps of contracts, by the service that answers their request subjects. */
const SUBJECTS_OF: Record<ServiceName, Record<string, string>> = {
  gateway: GatewaySubjects,
  orders: OrdersSubjects,
  inventory: InventorySubjects,
  warehouse: WarehouseSubjects,
  billing: BillingSubjects,
  pricing: PricingSubjects,
};

/** What one identity may publish and subscribe to, as nats-server's `permissions` block says it. */
export interface NatsPermissions {
  publish: string[];
  /** `subject` or `subject queue` (a subscription allowed only in that queue group). */
  subscribe: string[];
  /** May answer the requests it receives (publish once to their reply subject). */
  allowResponses: boolean;
}

/** The inbox prefix an identity's connections use: replies reach only its own inboxes, `_INBOX.<name>.>`. */
export function natsInboxPrefix(user: string): string {
  return `_INBOX.${user}`;
}

/** The request subjects a service answers: every subject of its contracts map that is not an event. */
export function requestSubjectsOf(service: ServiceName): string[] {
  return Object.values(SUBJECTS_OF[service]).filter((subject) => !subject.startsWith('events.'));
}

/** The stream a subject is stored on (`events.<service>.…`). */
function streamOf(subject: string): string {
  const stream = EventStreams[subject.split('.')[1] as keyof typeof EventStreams];
  if (!stream) throw new Error(`No event stream holds subject ${subject}`);
  return stream.name;
}

/**
 * The streams a service makes sure exist at start-up: its own and those it consumes, so a consumer
 * never waits for its producer to have started once. Undefined for a name outside the table.
 */
export function streamsToEnsure(service: string): string[] | undefined {
  const identity = (NATS_IDENTITIES as Record<string, NatsIdentity>)[service];
  if (!identity?.service) return undefined;
  const own = EventStreams[identity.service as keyof typeof EventStreams];
  return unique([...(own ? [own.name] : []), ...identity.consumes.map((c) => streamOf(c.subject))]);
}

/**
 * The rights of one identity, derived from its entry in `NATS_IDENTITIES`: answer its own request
 * subjects in its queue group and its presence subject; request what it calls (and ask whether
 * those services are there); publish its own events; create and read only its own durable
 * consumers; reach only the JetStream API calls those need (never `$JS.API.>`), and only its own
 * inbox.
 */
export function natsPermissions(name: NatsIdentityName): NatsPermissions {
  const identity: NatsIdentity = NATS_IDENTITIES[name];
  const publish = new Set<string>(['$JS.API.INFO']);
  const subscribe = new Set<string>([`${natsInboxPrefix(name)}.>`]);
  const api = '$JS.API';
  if (identity.service) {
    const service = identity.service;
    for (const subject of requestSubjectsOf(service)) subscribe.add(`${subject} ${service}`);
    subscribe.add(`presence.${service} presence`);
    // It says when its request connection is back after a drop (nats/reconnects.ts).
    publish.add(`presence.${service}.reconnected`);
    const own = EventStreams[service as keyof typeof EventStreams];
    if (own) for (const subject of own.subjects) publish.add(subject);
    // Its own stream only: the owner brings it to the configured replicas and limits (events/streams.ts).
    if (own) publish.add(`${api}.STREAM.UPDATE.${own.name}`);
    for (const stream of streamsToEnsure(service) ?? []) {
      publish.add(`${api}.STREAM.INFO.${stream}`);
      publish.add(`${api}.STREAM.CREATE.${stream}`);
    }
  }
  for (const subject of identity.calls) {
    publish.add(subject);
    publish.add(`presence.${subject.split('.')[0]}`);
    subscribe.add(`presence.${subject.split('.')[0]}.reconnected`);
  }
  for (const consumer of identity.consumes) {
    const stream = streamOf(consumer.subject);
    const durable =
      consumer.durable ?? durableConsumerName(identity.service ?? name, consumer.name ?? consumer.subject);
    publish.add(`${api}.STREAM.INFO.${stream}`);
    // nats-server 2.9 with a filter names it in the subject, and refuses a config that does not match.
    publish.add(`${api}.CONSUMER.CREATE.${stream}.${durable}.${consumer.subject}`);
    publish.add(`${api}.CONSUMER.DURABLE.CREATE.${stream}.${durable}`);
    publish.add(`${api}.CONSUMER.INFO.${stream}.${durable}`);
    publish.add(`${api}.CONSUMER.MSG.NEXT.${stream}.${durable}`);
    publish.add(`$JS.ACK.${stream}.${durable}.>`);
  }
  for (const key of identity.reads) {
    // A throw-away ordered consumer has a generated name: any name on this stream, no acks, no delete.
    const stream = EventStreams[key].name;
    publish.add(`${api}.STREAM.INFO.${stream}`);
    publish.add(`${api}.CONSUMER.CREATE.${stream}.*`);
    publish.add(`${api}.CONSUMER.INFO.${stream}.*`);
    publish.add(`${api}.CONSUMER.MSG.NEXT.${stream}.*`);
  }
  return { publish: [...publish], subscribe: [...subscribe], allowResponses: !!identity.service };
}

/** How a generated configuration gives each user its password. */
export type NatsPasswords =
  /** Written into the file (npm start's and the tests' private servers, whose files only they read). */
  | { kind: 'literal'; passwords: Readonly<Record<string, string>> }
  /** `$GATEWAY_NATS_PASSWORD`-style references, resolved by nats-server from its environment (deploy/). */
  | { kind: 'env' };

export interface NatsServerConfigOptions {
  passwords: NatsPasswords;
  /** Extra users outside the table, e.g. the tests' own inspection client with `>`. */
  extraUsers?: Readonly<Record<string, NatsPermissions>>;
  /** Lines before the authorization block (JetStream, limits, listen address...). */
  preamble?: readonly string[];
}

/** The environment variable a deploy configuration reads a user's password from. */
export function passwordVariable(user: string): string {
  return `${user.toUpperCase()}_NATS_PASSWORD`;
}

/**
 * A nats-server configuration with one user per identity of `NATS_IDENTITIES` (plus `extraUsers`)
 * and their permissions; anonymous clients are refused (users are required once any exists).
 */
export function natsServerConfig(options: NatsServerConfigOptions): string {
  const users = [
    ...NATS_IDENTITY_NAMES.map((name) => [name, natsPermissions(name)] as const),
    ...Object.entries(options.extraUsers ?? {}),
  ];
  const password = (user: string) => {
    if (options.passwords.kind === 'env') return `$${passwordVariable(user)}`;
    const literal = options.passwords.passwords[user];
    if (!literal) throw new Error(`no NATS password for ${user}`);
    return JSON.stringify(literal);
  };
  const list = (subjects: readonly string[]) => subjects.map((s) => `          ${JSON.stringify(s)}`).join('\n');
  const blocks = users.map(([user, p]) =>
    [
      `    {`,
      `      user: ${JSON.stringify(user)}`,
      `      password: ${password(user)}`,
      `      permissions: {`,
      `        publish: { allow: [\n${list(p.publish)}\n        ] }`,
      `        subscribe: { allow: [\n${list(p.subscribe)}\n        ] }`,
      ...(p.allowResponses ? ['        allow_responses: true'] : []),
      `      }`,
      `    }`,
    ].join('\n'),
  );
  return [...(options.preamble ?? []), 'authorization: {', '  users: [', blocks.join('\n'), '  ]', '}', ''].join('\n');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** deploy/nats/nats.conf: the checked-in configuration (docker-compose.yml and deploy/ use it). */
export function deployNatsConfig(): string {
  return natsServerConfig({
    preamble: [
      '# Generated by `npm run nats:config` from libs/platform/src/nats/nats-identities.ts: do not edit.',
      '# Every user reads its password from the environment of nats-server (GATEWAY_NATS_PASSWORD, ...);',
      '# anonymous clients are refused. Each service connects with NATS_USER=<its name> and NATS_PASSWORD.',
      'port: 4222',
      'http_port: 8222',
      'max_payload: 8388608',
      'jetstream: { store_dir: "/data" }',
      '',
    ],
    passwords: { kind: 'env' },
  });
}
