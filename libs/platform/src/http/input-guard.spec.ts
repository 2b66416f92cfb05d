import { MAX_INPUT_DEPTH, unstorableInput } from './input-guard.js';

describe('unstorableInput', () => {
  it('passes ordinary bodies and queries', () => {
    expect(unstorableInput({ name: 'Acme', lines: [{ sku: 'V1', quantity: 2 }], note: null, ok: true })).toEqual([]);
    expect(unstorableInput({ limit: '10', sku: ['a', 'b'] })).toEqual([]);
  });

  it('names every string holding a NUL, however deep, as validation errors name fields', () => {
    expect(
      unstorableInput({ name: 'a\u0000', lines: [{ sku: 'ok' }, { description: '\u0000' }], tags: ['x', 'y\u0000'] }),
    ).toEqual([
      { field: 'name', problems: ['name must not contain NUL characters (\\u0000)'] },
      { field: 'lines[1].description', problems: ['description must not contain NUL characters (\\u0000)'] },
      { field: 'tags[1]', problems: ['tags[1] must not contain NUL characters (\\u0000)'] },
    ]);
  });

  it('refuses a NUL in a key', () => {
    expect(unstorableInput({ order: { 'a\u0000b': 1 } })).toEqual([
      { field: 'order.a\\u0000b', problems: ['the name of order.a\\u0000b must not contain NUL characters (\\u0000)'] },
    ]);
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const found = unstorableInput({ order: deep });
    expect(found).toHaveLength(1);
    expect(found[0].problems).toEqual([`${found[0].field} is nested deeper than ${MAX_INPUT_DEPTH} levels`]);
    expect(found[0].field).toMatch(/^order(\[0\]){31}$/);
    let fine: unknown = 'leaf';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) fine = { a: fine };
    expect(unstorableInput(fine)).toEqual([]);
  });

  it('names at most 20 fields', () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, '\u0000']));
    expect(unstorableInput(many)).toHaveLength(20);
  });
});
