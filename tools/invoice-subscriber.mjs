#!/usr/bin/env node
// Reads the durable `invoice posted` event stream: the example a finance system copies.
//
// Every posted invoice is published once to the JetStream stream BILLING_EVENTS on the
// subject events.billing.invoice.posted. This script reads it through a durable pull
// consumer: the server remembers how far each durable name has acknowledged, so a reader
// that stops and comes back gets every invoice posted in the meantime, exactly once per
// acknowledgement (an invoice printed but not yet acked when the process dies is
// delivered again: make your own handling idempotent on `invoiceId`, or on the event `id`).
//
// Usage:
//   node tools/invoice-subscriber.mjs                  follow the stream until Ctrl-C
//   node tools/invoice-subscriber.mjs --once           print what is pending, then exit 0
//   node tools/invoice-subscriber.mjs --json           one event per line as JSON (for jq, files)
//   node tools/invoice-subscriber.mjs --durable erp    your own position in the stream
//
//   NATS_URL       server(s) to connect to, comma-separated (default nats://127.0.0.1:4222)
//   NATS_USER      the NATS user to connect as (default finance: the read-only identity that may
//                  only consume `invoice posted` with its own durables, finance-example or erp)
//   NATS_PASSWORD  its password (npm start keeps the local server's in .data/nats/passwords.json)
//   NATS_TLS_CA, NATS_TLS_CERT, NATS_TLS_KEY   PEM files, for a server that speaks TLS
//
// The first run with a new --durable name starts at the first invoice in the stream
// (deliver all); later runs continue after the last acknowledged one. Each consumer
// system should use its own durable name. To start over, delete the consumer:
//   nats consumer rm BILLING_EVENTS <durable>
//
// Output, one line per invoice:
//   INV-000001  order SO-000001  EUR 39.98  posted 2026-01-15T10:31:02.123Z
//
// Exit codes: 0 done, 1 error (cannot connect, bad arguments), 2 the stream does not exist
// yet (no billing service has started against this NATS).
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';

const STREAM = 'BILLING_EVENTS';
const SUBJECT = 'events.billing.invoice.posted';
/** Minor-unit exponents that are not 2 (ISO 4217); the system itself accepts JPY among these. */
const EXPONENTS = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, VND: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };

let args;
try {
  args = parseArgs({
    options: {
      durable: { type: 'string', default: 'finance-example' },
      once: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  process.stderr.write(
    `${error.message}\nUsage: node tools/invoice-subscriber.mjs [--once] [--json] [--durable NAME]\n`,
  );
  process.exit(1);
}
if (args.help) {
  process.stdout.write(
    'Usage: node tools/invoice-subscriber.mjs [--once] [--json] [--durable NAME]\n(see the comment at the top of this file)\n',
  );
  process.exit(0);
}
if (!/^[A-Za-z0-9_-]{1,64}$/.test(args.durable)) {
  process.stderr.write(`--durable must be 1-64 letters, digits, dash or underscore (got "${args.durable}")\n`);
  process.exit(1);
}

const servers = (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',');

/** User, password and TLS from the environment; replies come to the user's own inbox, as its rights require. */
function credentials() {
  const { NATS_USER = 'finance', NATS_PASSWORD, NATS_TLS_CA, NATS_TLS_CERT, NATS_TLS_KEY } = process.env;
  const tls =
    NATS_TLS_CA || NATS_TLS_CERT
      ? {
          ...(NATS_TLS_CA ? { caFile: NATS_TLS_CA } : {}),
          ...(NATS_TLS_CERT ? { certFile: NATS_TLS_CERT, keyFile: NATS_TLS_KEY } : {}),
        }
      : undefined;
  return {
    ...(NATS_PASSWORD ? { user: NATS_USER, pass: NATS_PASSWORD, inboxPrefix: `_INBOX.${NATS_USER}` } : {}),
    ...(tls ? { tls } : {}),
  };
}
let nc;
try {
  nc = await connect({ servers, name: `invoice-subscriber-${args.durable}`, ...credentials() });
} catch (error) {
  process.stderr.write(`cannot connect to NATS at ${servers.join(',')}: ${error.message}\n`);
  process.exit(1);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // drain: stop taking messages, let in-flight acks reach the server, then close.
    nc.drain().catch(() => undefined);
  });
}

try {
  const jsm = await jetstreamManager(nc);
  if (!(await streamExists(jsm))) {
    process.stderr.write(
      `stream ${STREAM} does not exist yet on ${servers.join(',')}: start the billing service once, then run this again\n`,
    );
    await nc.close();
    process.exit(2);
  }
  await ensureConsumer(jsm);
  const consumer = await jetstream(nc).consumers.get(STREAM, args.durable);
  const count = args.once ? await drainPending(consumer) : await follow(consumer);
  if (args.once && !args.json) process.stderr.write(`${count} invoice(s)\n`);
  if (!stopping) await nc.drain();
  await nc.closed();
  process.exit(0);
} catch (error) {
  if (stopping) process.exit(0);
  process.stderr.write(`invoice-subscriber: ${error?.message ?? error}\n`);
  if (!nc.isClosed()) await nc.close();
  process.exit(1);
}

async function streamExists(jsm) {
  try {
    await jsm.streams.info(STREAM);
    return true;
  } catch (error) {
    if (error?.code === 10059 || /stream not found/i.test(error?.message ?? '')) return false;
    throw error;
  }
}

/** Creates the durable consumer if it is missing; an existing one keeps its position. */
async function ensureConsumer(jsm) {
  try {
    const info = await jsm.consumers.info(STREAM, args.durable);
    if (info.config.filter_subject !== SUBJECT) {
      throw new Error(
        `consumer ${args.durable} on ${STREAM} exists with filter "${info.config.filter_subject ?? ''}", not ${SUBJECT}: choose another --durable`,
      );
    }
    return;
  } catch (error) {
    if (!(error?.code === 10014 || /consumer not found/i.test(error?.message ?? ''))) throw error;
  }
  await jsm.consumers.add(STREAM, {
    durable_name: args.durable,
    filter_subject: SUBJECT, // nats-server 2.9: one filter_subject (filter_subjects needs 2.10)
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    description: 'invoice-subscriber example: posted invoices for a finance system',
  });
}

/** --once: fetch batches until one comes back empty. */
async function drainPending(consumer) {
  let total = 0;
  while (!stopping) {
    let got = 0;
    // expires must be at least 1000 ms; a fetch returns early once it has max_messages.
    const batch = await consumer.fetch({ max_messages: 100, expires: 1000 });
    for await (const m of batch) {
      got++;
      if (handle(m)) total++;
    }
    if (got === 0) break;
  }
  return total;
}

/** Default: follow the stream until SIGINT/SIGTERM drains the connection. */
async function follow(consumer) {
  let total = 0;
  const messages = await consumer.consume({ max_messages: 100 });
  nc.closed().then(() => messages.stop());
  for await (const m of messages) {
    if (handle(m)) total++;
  }
  return total;
}

/** Prints one invoice, then acknowledges it (true); a message that is not an invoice event is set aside (false). */
function handle(m) {
  let event;
  try {
    event = m.json();
    if (!event?.data?.number) throw new Error('no data.number');
  } catch (error) {
    // Redelivering it would never help: tell the server to stop (it stays in the stream).
    process.stderr.write(`skipping ${STREAM} message seq ${m.seq}: not an invoice posted event (${error.message})\n`);
    m.term();
    return false;
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify(event)}\n`);
  } else {
    const d = event.data;
    process.stdout.write(
      `${d.number}  order ${d.orderNumber}  ${d.currency} ${formatMinor(d.totalMinor, d.currency)}  posted ${d.postedAt}\n`,
    );
  }
  m.ack();
  return true;
}

function formatMinor(minor, currency) {
  if (!Number.isSafeInteger(minor)) return String(minor);
  const exponent = EXPONENTS[currency] ?? 2;
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
