import type { ReserveLine } from '#contracts';
import { lineSourcing } from './sourcing-rules.js';

const line = (extra: Partial<ReserveLine> = {}): ReserveLine => ({ lineId: 'l1', sku: 'V123', quantity: 1, ...extra });

describe('sourcing rules of a line', () => {
  it('may come from anywhere, split, when nobody says otherwise', () => {
    expect(lineSourcing({}, line())).toEqual({ split: true });
  });

  it("takes the order header's ship-from location and source", () => {
    expect(lineSourcing({ shipFromLocation: 'WH2', sourceCode: 'WEST' }, line())).toEqual({
      locationCode: 'WH2',
      sourceCode: 'WEST',
      split: true,
    });
  });

  it('lets a line that names its own location override the header entirely', () => {
    expect(lineSourcing({ shipFromLocation: 'WH2', sourceCode: 'WEST' }, line({ locationCode: 'WH9' }))).toEqual({
      locationCode: 'WH9',
      split: true,
    });
  });

  it('lets a line that names its own source override the header location', () => {
    expect(lineSourcing({ shipFromLocation: 'WH2' }, line({ sourceCode: 'DIST-A' }))).toEqual({
      sourceCode: 'DIST-A',
      split: true,
    });
  });

  it('keeps every line in one location when the order forbids splitting', () => {
    expect(lineSourcing({ allowSplit: false }, line())).toEqual({ split: false });
  });
});
