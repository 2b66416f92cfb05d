import { DomainError } from '../errors/domain-error.js';
import { factsPage, factsWindow, pageClause, toPage } from './paging.js';

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

describe('factsWindow and factsPage', () => {
  const id = '0b9f6a51-57e5-4f0e-9a55-4b5a0f6c2e11';

  it('reads one row more than a page holds, from the start when there is no cursor', () => {
    expect(factsWindow({}, ['uuid', 'int'])).toEqual({ after: [null, null], take: 1001, limit: 1000 });
    expect(factsWindow({ limit: 5000 }, ['uuid']).limit).toBe(1000);
    expect(factsWindow({ after: `${id}/7`, limit: 2 }, ['uuid', 'int'])).toEqual({
      after: [id, '7'],
      take: 3,
      limit: 2,
    });
  });

  it('refuses a cursor that is not a key of this page kind', () => {
    for (const after of ['x', `${id}/7`, "1' OR 1=1"]) {
      expect(() => factsWindow({ after }, ['uuid'])).toThrow(DomainError);
    }
  });

  it('names the next page only when another row followed', () => {
    const window = factsWindow({ limit: 2 }, ['uuid']);
    const key = (r: { k: string }) => [r.k];
    expect(factsPage([{ k: 'a' }, { k: 'b' }, { k: 'c' }], window, (r) => r.k, key)).toEqual({
      items: ['a', 'b'],
      next: 'b',
    });
    expect(factsPage([{ k: 'a' }, { k: 'b' }], window, (r) => r.k, key)).toEqual({ items: ['a', 'b'] });
  });
});
