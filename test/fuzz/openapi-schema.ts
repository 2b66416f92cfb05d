import fc from 'fast-check';

/**
 * What the fuzz reads of an OpenAPI document, and values its schemas allow: of the right type,
 * format, enum, pattern, length and range, with every required field, preferring the real
 * values of a pool for fields named in it.
 */

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Real values by field or parameter name (customerId, sku, orderId, …). */
export type Pools = Record<string, readonly string[]>;

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const MAX_DEPTH = 6;

type Arb = fc.Arbitrary<unknown>;

/** Resolves `$ref` and single-item `allOf` (how Nest's OpenAPI writes a described nested object). */
function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let current: Schema = schema ?? {};
  for (let hops = 0; hops < 20; hops++) {
    if (current.$ref) {
      const name = current.$ref.replace('#/components/schemas/', '');
      const { $ref: _ref, ...rest } = current;
      current = { ...rest, ...(doc.components?.schemas?.[name] ?? {}) };
    } else if (current.allOf?.length === 1) {
      const { allOf, ...rest } = current;
      current = { ...rest, ...allOf[0] };
    } else return current;
  }
  return current;
}

/**
 * Draws a value the schema allows (as far as its type, format, enum, pattern, length, range
 * and required fields say), preferring the real values of `pools` for fields named in it.
 */
export function validValue(
  doc: OpenApiDocument,
  raw: Schema | undefined,
  name: string,
  pools: Pools,
  depth: number,
): Arb {
  const schema = resolve(doc, raw);
  const pool = pools[name];
  const own = schemaValue(doc, schema, pools, depth);
  return pool?.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: own })
    : own;
}

function schemaValue(doc: OpenApiDocument, schema: Schema, pools: Pools, depth: number): Arb {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 1000;
      return fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min, max: Math.min(max, min + 100) }) },
        { weight: 1, arbitrary: fc.constantFrom(min, max) },
        { weight: 1, arbitrary: fc.integer({ min, max: Math.min(max, Number.MAX_SAFE_INTEGER) }) },
      );
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const min = schema.minItems ?? 0;
      const items = depth >= MAX_DEPTH ? fc.constant({}) : validValue(doc, schema.items, '', pools, depth + 1);
      return fc.array(items, { minLength: min, maxLength: Math.max(min, Math.min(schema.maxItems ?? 3, 3)) });
    }
    case 'object':
      return objectValue(doc, schema, pools, depth);
    case 'string':
      return stringValue(schema);
    default:
      return schema.properties ? objectValue(doc, schema, pools, depth) : fc.oneof(fc.string(), fc.integer());
  }
}

function stringValue(schema: Schema): Arb {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date')
    return fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time')
    return fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
  const max = schema.maxLength ?? 64;
  const min = schema.minLength ?? 0;
  if (schema.pattern && schema.pattern !== '^[^\\u0000]*$') {
    const matching = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= max && s.length >= min);
    return matching;
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 24) }) },
    { weight: 1, arbitrary: fc.constant('x'.repeat(max)) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: Math.max(min, 1), maxLength: Math.min(max, 8) }),
    },
  );
}

const ABSENT = Symbol('absent');

/** An object with every required field and, each one time in three, an optional one (options often exclude each other). */
function objectValue(doc: OpenApiDocument, schema: Schema, pools: Pools, depth: number): Arb {
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([key, property]) => {
    const value = depth >= MAX_DEPTH ? fc.constant(null) : validValue(doc, property, key, pools, depth + 1);
    const maybe = required.has(key)
      ? value
      : fc.oneof({ weight: 2, arbitrary: fc.constant(ABSENT) }, { weight: 1, arbitrary: value });
    return maybe.map((v) => [key, v] as const);
  });
  return fc
    .tuple(...fields)
    .map((entries) => Object.fromEntries(entries.filter(([, v]) => v !== ABSENT)) as Record<string, unknown>);
}

/** Every operation of the document, as `[method, path, operation]`. */
export function operationsOf(doc: OpenApiDocument): Array<[string, string, Operation]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]): [string, string, Operation] => [method, path, operation]),
  );
}
