import { mergeAllocations } from './released-lines.service.js';

describe('allocations after a back-order release', () => {
  it('adds units at a location the line already holds stock at', () => {
    expect(
      mergeAllocations(
        [{ locationCode: 'WH1', quantity: 3 }],
        [{ locationCode: 'WH1', quantity: 2, sourceKind: 'WAREHOUSE' }],
      ),
    ).toEqual([{ locationCode: 'WH1', quantity: 5 }]);
  });

  it('adds a new location after the ones the line had', () => {
    expect(
      mergeAllocations(
        [{ locationCode: 'WH1', quantity: 3 }],
        [{ locationCode: 'DIST-A', quantity: 1, sourceCode: 'DIST-A', sourceKind: 'SUPPLIER' }],
      ),
    ).toEqual([
      { locationCode: 'WH1', quantity: 3 },
      { locationCode: 'DIST-A', quantity: 1, sourceCode: 'DIST-A', sourceKind: 'SUPPLIER' },
    ]);
  });

  it('leaves the held allocations untouched', () => {
    const held = [{ locationCode: 'WH1', quantity: 3 }];
    mergeAllocations(held, [{ locationCode: 'WH1', quantity: 2 }]);
    expect(held).toEqual([{ locationCode: 'WH1', quantity: 3 }]);
  });
});
