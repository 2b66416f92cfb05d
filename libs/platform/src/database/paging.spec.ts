import { pageClause, toPage } from './paging.js';

describe('pageClause', () => {
  it('applies the one default (50 from 0) when the caller names no window', () => {
    expect(pageClause({}, 3)).toEqual({ limit: 50, offset: 0, sql: 'LIMIT $3 OFFSET $4', params: [50, 0] });
  });

  it('keeps a window inside 1-500 and offsets from 0 to 10^9', () => {
    expect(pageClause({ limit: 10_000, offset: 20 }, 1)).toMatchObject({ limit: 500, offset: 20, params: [500, 20] });
    expect(pageClause({ limit: 0, offset: -5 }, 1)).toMatchObject({ limit: 1, offset: 0 });
    expect(pageClause({ offset: 1e20 }, 1)).toMatchObject({ offset: 1_000_000_000 });
  });

  it('answers the Page reply with the window applied', () => {
    expect(toPage(['a'], 7, pageClause({ limit: 1, offset: 2 }, 1))).toEqual({
      items: ['a'],
      total: 7,
      limit: 1,
      offset: 2,
    });
  });
});
