import type { DomainError } from '#platform';
import { checkOrderRules, groupByOrder, isGood, toOrderBody } from './imported-orders.js';
import { readOrdersCsv } from './orders-csv.reader.js';

const C1 = '11111111-1111-4111-8111-111111111111';
const C2 = '22222222-2222-4222-8222-222222222222';

function headerError(csv: string): DomainError {
  try {
    readOrdersCsv(csv);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the file to be refused');
}

describe('reading an order file', () => {
  it('numbers rows as a spreadsheet shows them: the header is row 1, blank lines count, a quoted line break starts the row where it begins', () => {
    const file = readOrdersCsv(
      `\uFEFForder_ref,customer_id,sku,quantity\r\nA,${C1},S-1,2\r\n\r\n"B\r\nx",${C1},S-2,1\r\nC,${C1},S-3,4\r\n`,
    );
    expect(file.rows.map((r) => [r.row, r.orderRef, r.reasons])).toEqual([
      [2, 'A', []],
      [4, 'B\r\nx', []],
      [6, 'C', []],
    ]);
  });

  it('gives every reason a row is bad', () => {
    const file = readOrdersCsv(
      [
        'order_ref,customer_id,sku,quantity,ship_from,priority,unit_price_override',
        `,${C1},bad sku,0,WH 1,12,9.99`,
        `A,${C1},S-1,1.5`,
        `A,${C1},S-1,x,,`,
      ].join('\n'),
    );
    expect(file.rows[0].reasons).toEqual([
      'order_ref is empty',
      'sku "bad sku" is not a valid SKU (1-64 letters, digits, dot, dash or underscore)',
      'quantity must be a whole number from 1 to 10000000 (got "0")',
      'ship_from "WH 1" is not a valid location code',
      'priority must be a whole number from 0 to 9 (got "12")',
      expect.stringContaining('unit_price_override is not supported'),
    ]);
    expect(file.rows[1].reasons).toEqual([
      'has 4 field(s), the header has 7',
      'quantity must be a whole number from 1 to 10000000 (got "1.5")',
    ]);
    expect(file.rows[2].reasons).toEqual([
      'has 6 field(s), the header has 7',
      'quantity must be a whole number from 1 to 10000000 (got "x")',
    ]);
  });

  it('refuses a file whose header lacks a column or names an unknown one, naming them', () => {
    expect(headerError('order_ref,customer,sku\nA,x,S-1\n').message).toBe(
      'The header row (row 1) is wrong: unknown column(s) "customer"; the columns are order_ref, customer_id, sku, quantity, ship_from, source, priority, unit_price_override; missing column(s) quantity',
    );
    expect(headerError('').details).toEqual({
      fields: [{ field: 'csv', problems: ['the file is empty: its first row must name the columns'] }],
    });
    expect(headerError('order_ref,sku,quantity\n"A,S-1,1\n').code).toBe('VALIDATION_FAILED');
  });

  it('reads a forced source and a forced ship-from location, under their channel names too', () => {
    const file = readOrdersCsv('Order_Ref,SKU,Quantity,Source_Code,Location\nA,S-1,1,DIST-A,WH2\n');
    expect(file.columns).toEqual(['order_ref', 'sku', 'quantity', 'source', 'ship_from']);
    expect(file.rows[0]).toMatchObject({ source: 'DIST-A', shipFrom: 'WH2', reasons: [] });
    const bad = readOrdersCsv('order_ref,sku,quantity,source\nA,S-1,1,DIST A\n');
    expect(bad.rows[0].reasons).toEqual(['source "DIST A" is not a valid source code']);
  });
});

describe('making orders of the rows', () => {
  const read = (lines: string[]) => {
    const file = readOrdersCsv(['order_ref,customer_id,sku,quantity,ship_from,priority', ...lines].join('\n'));
    for (const row of file.rows) row.customerId = row.customer || undefined;
    const orders = groupByOrder(file.rows);
    orders.forEach(checkOrderRules);
    return orders;
  };

  it('groups rows by reference wherever they are and carries the per-order rules', () => {
    const orders = read([`A,${C1},S-1,2,WH2,7`, `B,${C2},S-9,1,,`, `A,${C1},S-2,3,,`]);
    expect(orders.map((o) => [o.orderRef, o.rows.map((r) => r.row), isGood(o)])).toEqual([
      ['A', [2, 4], true],
      ['B', [3], true],
    ]);
    expect(toOrderBody(orders[0], false)).toEqual({
      customerReference: 'A',
      customerId: C1,
      shipFromLocation: 'WH2',
      priority: 7,
      lines: [
        { sku: 'S-1', quantity: 2 },
        { sku: 'S-2', quantity: 3 },
      ],
    });
    expect(toOrderBody(orders[1], true)).toMatchObject({ type: 'INVOICE', customerId: C2 });
  });

  it('leaves out a whole order when its rows disagree on the customer, priority or ship-from', () => {
    const orders = read([`A,${C1},S-1,2,WH1,1`, `A,${C2},S-2,1,WH2,1`, `B,${C1},S-1,1,,1`, `B,${C1},S-1,1,,2`]);
    expect(orders.map(isGood)).toEqual([false, false]);
    expect(orders[0].rows[1].reasons).toEqual([
      `customer_id "${C2}" differs from row 2 of order A ("${C1}"): an order has one customer_id`,
      'ship_from "WH2" differs from row 2 of order A ("WH1"): an order has one ship_from',
    ]);
    expect(orders[1].rows[1].reasons).toEqual([
      'priority "2" differs from row 4 of order B ("1"): an order has one priority',
    ]);
  });
});
