import fc from 'fast-check';
import {
  applyMutation,
  BAD_QUERY_VALUES,
  csvFile,
  FILE_COLUMNS,
  HOSTILE_PATH_VALUES,
  JUNK_QUERIES,
  MALFORMED_BODIES,
  mutationArb,
} from './hostile-values.js';
import {
  type OpenApiDocument,
  type Operation,
  operationsOf,
  type Parameter,
  type Pools,
  validValue,
} from './openapi-schema.js';
import type { FuzzReport } from './fuzz-runner.js';

/**
 * A fuzz of every route of an OpenAPI document: for each operation, requests built from its
 * schema with fast-check (path and query parameters, JSON or file bodies), some valid as far
 * as the schema says and most with one value mutated into something the schema refuses
 * (numbers past their range or past 2^53, fractions, huge amounts, long text, NUL characters,
 * the wrong type, extra nesting, unknown or missing fields, malformed JSON). Whatever it
 * sends, the API must never answer 5xx: a 5xx is a defect to fix at its cause.
 */

/** One request the fuzz sends. */
export interface FuzzRequest {
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Which API key (by role) sends it. */
  as: string;
}

export interface FuzzOptions {
  baseUrl: string;
  /** API keys by role; `admin` is required and sends most requests. */
  keys: Record<string, string>;
  /** Real values by field or parameter name (customerId, sku, orderId, …), so requests reach past the look-ups. */
  pools: Pools;
  /** Values that belong to another: `linked.lineId[orderId]` are that order's lines, for /orders/{id}/lines/{lineId}. */
  linked?: Record<string, Record<string, readonly string[]>>;
  seed: number;
  requests: number;
  concurrency?: number;
  /** Per-request timeout; a request without an answer in time counts as a failure. */
  timeoutMs?: number;
  /** Operations (`METHOD /path`) left out. */
  skip?: readonly string[];
  onProgress?: (done: number, report: FuzzReport) => void;
}

/** A query value as text, as the schema allows it. */
function queryText(doc: OpenApiDocument, parameter: Parameter, pools: Pools): fc.Arbitrary<string> {
  return validValue(doc, parameter.schema, parameter.name, pools, 0).map((v) =>
    typeof v === 'string' ? v : JSON.stringify(v),
  );
}

/** A path parameter as a real value (of the pool its name and path say). */
function pathText(path: string, parameter: Parameter, pools: Pools): fc.Arbitrary<string> {
  const pool = pools[poolName(path, parameter.name)] ?? pools[parameter.name];
  return pool?.length ? fc.constantFrom(...pool) : fc.uuid();
}

/** Which pool a path parameter draws from: `{id}` of /orders/{id} is an order id, and so on. */
export function poolName(path: string, parameter: string): string {
  if (parameter !== 'id' && parameter !== 'code') return parameter;
  const owner = path.split('/')[1];
  const byOwner: Record<string, string> = {
    orders: 'orderId',
    quotes: 'orderId',
    customers: 'customerId',
    batches: 'batchId',
    invoices: 'invoiceId',
    'pick-tickets': 'pickTicketId',
    shipments: 'shipmentId',
    'price-rules': 'ruleId',
    returns: 'returnId',
    'api-keys': 'apiKeyId',
    products: 'productCode',
    sources: 'sourceCode',
  };
  return byOwner[owner] ?? parameter;
}

/** What one request gets wrong: nothing, or one part of it. */
const Targets = ['none', 'path', 'query', 'junk', 'body', 'malformed', 'role'] as const;
type Target = (typeof Targets)[number];

interface Body {
  body?: string;
  type?: string;
}

/** What an operation takes, read from its OpenAPI entry. */
function shapeOf(method: string, operation: Operation) {
  const params = operation.parameters ?? [];
  const content = operation.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const fileRoute = !jsonSchema && Object.keys(content).length > 0;
  return {
    pathParams: params.filter((p) => p.in === 'path'),
    queryParams: params.filter((p) => p.in === 'query'),
    jsonSchema: jsonSchema ?? { type: 'object' },
    fileRoute,
    hasBody: fileRoute || jsonSchema !== undefined || ['post', 'put', 'patch'].includes(method),
  };
}
type Shape = ReturnType<typeof shapeOf>;

/** The path values: real ones, each after the first most of the time one that belongs to the one before it. */
function pathValues(path: string, shape: Shape, options: Pick<FuzzOptions, 'pools' | 'linked'>) {
  const linked = options.linked ?? {};
  return shape.pathParams.reduce<fc.Arbitrary<string[]>>(
    (before, p) =>
      before.chain((values) => {
        const own = linked[p.name]?.[values[values.length - 1]];
        const value = own?.length
          ? fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom(...own) },
              { weight: 1, arbitrary: pathText(path, p, options.pools) },
            )
          : pathText(path, p, options.pools);
        return value.map((v) => [...values, v]);
      }),
    fc.constant([]),
  );
}

/** Valid query values (an optional parameter half of the time), or null where one is left out. */
function queryValues(doc: OpenApiDocument, shape: Shape, pools: Pools) {
  return fc.tuple(
    ...shape.queryParams.map((p) =>
      (p.required ? queryText(doc, p, pools) : fc.option(queryText(doc, p, pools), { freq: 2 })).map(
        (v): readonly [string, string | null] => [p.name, v],
      ),
    ),
  );
}

/** A valid body and a bad one: one value of a JSON body mutated, or a mangled or mistyped file. */
function bodies(doc: OpenApiDocument, path: string, shape: Shape, pools: Pools) {
  const file = csvFile(path.includes('price-rules') ? FILE_COLUMNS.rules : FILE_COLUMNS.orders, pools).map(
    (body): Body => ({ body, type: 'text/csv' }),
  );
  const json = validValue(doc, shape.jsonSchema, '', pools, 0);
  const valid: fc.Arbitrary<Body> = shape.fileRoute ? file : shape.hasBody ? json.map(jsonBody) : fc.constant({});
  const bad: fc.Arbitrary<Body> = shape.fileRoute
    ? fc.oneof(
        file,
        fc.constantFrom(
          { body: '', type: 'text/csv' },
          { body: '{"a":1}', type: 'application/json' },
          { body: 'PK\u0003\u0004garbage', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
          { body: 'code\n\u0000', type: 'application/octet-stream' },
        ),
      )
    : fc.tuple(json, mutationArb()).map(([v, m]) => jsonBody(applyMutation(v, m)));
  return { valid, bad };
}

/** Which part of a request gets it wrong: each part the operation has, twice as often as none. */
function targetOf(shape: Shape): fc.Arbitrary<Target> {
  const targets = Targets.filter(
    (t) =>
      (t !== 'path' || shape.pathParams.length > 0) &&
      (t !== 'query' || shape.queryParams.length > 0) &&
      (t !== 'body' || shape.hasBody) &&
      (t !== 'malformed' || (shape.hasBody && !shape.fileRoute)),
  );
  return fc.oneof(
    { weight: targets.length, arbitrary: fc.constant<Target>('none') },
    { weight: 2 * targets.length, arbitrary: fc.constantFrom(...targets.filter((t) => t !== 'none')) },
  );
}

/**
 * The requests of one operation. About a third are valid as far as the schema says (real ids
 * and codes in the path); the rest get exactly one part wrong: a path parameter, a query
 * value, an unknown or repeated query parameter, one value of the body, a malformed body, or
 * the caller's role.
 */
function operationRequests(
  doc: OpenApiDocument,
  method: string,
  path: string,
  operation: Operation,
  options: Pick<FuzzOptions, 'pools' | 'keys' | 'linked'>,
): fc.Arbitrary<FuzzRequest> {
  const shape = shapeOf(method, operation);
  const body = bodies(doc, path, shape, options.pools);
  const hostileText = fc.oneof(
    fc.constantFrom(...HOSTILE_PATH_VALUES),
    fc.uuid(),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  );
  const badQueryText = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...BAD_QUERY_VALUES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  );
  return fc
    .record({
      target: targetOf(shape),
      pathValues: pathValues(path, shape, options),
      pathBad: fc.record({ at: fc.nat(), value: hostileText }),
      queryValues: queryValues(doc, shape, options.pools),
      queryBad: fc.record({ at: fc.nat(), value: badQueryText }),
      junk: fc.constantFrom(...JUNK_QUERIES),
      bodyValid: body.valid,
      bodyBad: body.bad,
      malformed: fc.constantFrom(...MALFORMED_BODIES),
      role: fc.constantFrom(...Object.keys(options.keys)),
    })
    .map((r): FuzzRequest => {
      const values = [...r.pathValues];
      if (r.target === 'path') values[r.pathBad.at % values.length] = r.pathBad.value;
      const url = shape.pathParams.reduce((u, p, i) => u.replace(`{${p.name}}`, encodeURIComponent(values[i])), path);
      const query = [...r.queryValues];
      if (r.target === 'query') {
        const at = r.queryBad.at % query.length;
        query[at] = [query[at][0], r.queryBad.value];
      }
      const parts = query
        .filter((q): q is readonly [string, string] => q[1] !== null)
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
      if (r.target === 'junk') parts.push(r.junk);
      const sent = r.target === 'body' ? r.bodyBad : r.target === 'malformed' ? r.malformed : r.bodyValid;
      return {
        operation: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path: parts.length ? `${url}?${parts.join('&')}` : url,
        headers: sent.type ? { 'content-type': sent.type } : {},
        ...(sent.body === undefined ? {} : { body: sent.body }),
        as: r.target === 'role' ? r.role : 'admin',
      };
    });
}

function jsonBody(value: unknown): { body: string; type: string } {
  return { body: JSON.stringify(value) ?? 'null', type: 'application/json' };
}

/** The requests of a fuzz run: `total` spread evenly over the operations, the same for the same seed. */
export function fuzzRequests(doc: OpenApiDocument, options: FuzzOptions): FuzzRequest[] {
  const operations = operationsOf(doc).filter(([m, p]) => !options.skip?.includes(`${m.toUpperCase()} ${p}`));
  const per = Math.max(1, Math.floor(options.requests / operations.length));
  const extra = options.requests - per * operations.length;
  const requests = operations.flatMap(([method, path, operation], index) =>
    fc.sample(operationRequests(doc, method, path, operation, options), {
      seed: options.seed + index,
      numRuns: per + (index < extra ? 1 : 0),
    }),
  );
  // Interleave the operations (deterministically) so state changes of one reach the others.
  return fc.sample(fc.shuffledSubarray(requests, { minLength: requests.length }), {
    seed: options.seed,
    numRuns: 1,
  })[0];
}
