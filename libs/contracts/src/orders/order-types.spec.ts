import { OrderTypes } from './orders.status.js';
import {
  type EnterableOrderType,
  EnterableOrderTypes,
  isBilledAtEntry,
  isOrderType,
  mayEnter,
  orderTypeRule,
  OrderTypeRules,
  typesWhere,
} from './order-types.js';

describe('order types: what each one does', () => {
  it('has a rule for every order type and no other', () => {
    expect(Object.keys(OrderTypeRules).sort()).toEqual([...OrderTypes].sort());
  });

  it('an Invoice order is billed at entry, handed over at once and never picked', () => {
    expect(OrderTypeRules.INVOICE).toMatchObject({
      billedAtEntry: true,
      handedOverAtEntry: true,
      picked: false,
      sale: true,
      reservesStock: true,
    });
  });

  it('a Loss Reshipment ships but is never a sale, and closes once shipped', () => {
    expect(OrderTypeRules.LOSS_RESHIPMENT).toMatchObject({
      picked: true,
      sale: false,
      billedAtEntry: false,
      returnable: false,
      closesWhenShipped: true,
    });
  });

  it('a regular Order is reserved, picked, billed per shipment and backorders its unfilled rest', () => {
    expect(OrderTypeRules.ORDER).toMatchObject({
      reservesStock: true,
      picked: true,
      sale: true,
      billedAtEntry: false,
      backordersRest: true,
      returnable: true,
      reopenable: true,
    });
  });

  it('a Backorder is made only by the system, carries the rest of the original and makes another when partly filled', () => {
    expect(OrderTypeRules.BACKORDER).toMatchObject({
      enteredBy: [],
      madeBySystemOnly: true,
      carriesRestOfOriginal: true,
      backordersRest: true,
      sale: true,
    });
    expect(typesWhere('madeBySystemOnly')).toEqual(['BACKORDER']);
    expect(typesWhere('carriesRestOfOriginal')).toEqual(['BACKORDER']);
  });

  it('Quotes and Recurring templates affect no stock, are never fulfilled or invoiced, and keep their status', () => {
    for (const type of ['QUOTE', 'RECURRING'] as const) {
      expect(OrderTypeRules[type]).toMatchObject({
        reservesStock: false,
        picked: false,
        fulfillable: false,
        sale: false,
        editable: true,
      });
    }
    expect(OrderTypeRules.QUOTE).toMatchObject({ fixedStatus: 'QUOTE', convertsToOrder: true });
    expect(OrderTypeRules.RECURRING).toMatchObject({ fixedStatus: 'TEMPLATE', recurs: true });
    expect(typesWhere('convertsToOrder')).toEqual(['QUOTE']);
    expect(typesWhere('recurs')).toEqual(['RECURRING']);
  });

  it('a Return takes goods back and credits them less its handling charge; a Credit Memo credits an amount', () => {
    expect(OrderTypeRules.RETURN).toMatchObject({ receivesGoods: true, credits: true, chargesReduceTotal: true });
    expect(OrderTypeRules.CREDIT_MEMO).toMatchObject({
      receivesGoods: false,
      credits: true,
      chargesReduceTotal: false,
    });
    expect(typesWhere('credits')).toEqual(['RETURN', 'CREDIT_MEMO']);
  });

  it('only what was sold can be returned or credited', () => {
    expect(typesWhere('returnable')).toEqual(typesWhere('sale'));
    expect(typesWhere('returnable')).toEqual(['ORDER', 'BACKORDER', 'INVOICE']);
  });

  it('whatever is picked reserves stock and is fulfillable, and nothing is both picked and handed over at entry', () => {
    for (const type of typesWhere('picked')) {
      expect(orderTypeRule(type)).toMatchObject({ reservesStock: true, fulfillable: true, handedOverAtEntry: false });
    }
    expect(typesWhere('fulfillable')).toEqual(typesWhere('reservesStock'));
    expect(typesWhere('reopenable')).toEqual(typesWhere('fulfillable'));
  });

  it('customers may enter only Orders; recurring templates are for admins; nobody enters Backorders, Returns or Credit Memos', () => {
    expect(EnterableOrderTypes).toEqual(['QUOTE', 'ORDER', 'RECURRING', 'INVOICE', 'LOSS_RESHIPMENT']);
    const enterable: EnterableOrderType[] = [...EnterableOrderTypes];
    expect(enterable.filter((type) => mayEnter(type, 'customer'))).toEqual(['ORDER']);
    expect(enterable.filter((type) => mayEnter(type, 'sales'))).not.toContain('RECURRING');
    expect(mayEnter('RECURRING', 'admin')).toBe(true);
    for (const type of ['BACKORDER', 'RETURN', 'CREDIT_MEMO'] as const) expect(mayEnter(type, 'admin')).toBe(false);
    // @ts-expect-error a Backorder is not an enterable type, and the compiler knows it
    const backorder: EnterableOrderType = 'BACKORDER';
    expect(EnterableOrderTypes).not.toContain(backorder);
  });

  it('bills a one-step invoice and a prepaid customer’s sale at entry, never a prepaid loss/reshipment', () => {
    expect(isBilledAtEntry({ type: 'INVOICE' })).toBe(true);
    expect(isBilledAtEntry({ type: 'ORDER', prepaid: true })).toBe(true);
    expect(isBilledAtEntry({ prepaid: true })).toBe(true);
    expect(isBilledAtEntry({ type: 'BACKORDER', prepaid: false })).toBe(false);
    expect(isBilledAtEntry({ type: 'LOSS_RESHIPMENT', prepaid: true })).toBe(false);
    expect(isBilledAtEntry({ type: 'QUOTE', prepaid: true })).toBe(false);
  });

  it('knows an order type name from any other value', () => {
    expect(isOrderType('INVOICE')).toBe(true);
    expect(isOrderType('invoice')).toBe(false);
    expect(isOrderType('toString')).toBe(false);
    expect(isOrderType(undefined)).toBe(false);
  });
});
