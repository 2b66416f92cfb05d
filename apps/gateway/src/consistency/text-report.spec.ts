import type { SystemConsistencyReport } from '#contracts';
import { textReport } from './text-report.js';

const rule = (name: SystemConsistencyReport['rules'][number]['rule'], checked: number) => ({
  rule: name,
  description: `What ${name} proves`,
  checked,
  disagreements: [],
});

describe('textReport', () => {
  it('says so in one line when the services agree, and lists every rule with what it checked', () => {
    const text = textReport({
      consistent: true,
      checkedAt: '2030-01-01T10:00:00.000Z',
      settleMs: 10_000,
      rules: [rule('reservations-match-live-lines', 6), rule('posted-invoices-have-one-event', 3)],
    });
    expect(text).toBe(
      [
        'Consistency check at 2030-01-01T10:00:00.000Z: the services agree (2 rules).',
        '',
        'ok    reservations-match-live-lines (6 checked)',
        '      What reservations-match-live-lines proves',
        'ok    posted-invoices-have-one-event (3 checked)',
        '      What posted-invoices-have-one-event proves',
        '',
      ].join('\n'),
    );
  });

  it('names each disagreement with the ids involved, what was expected and what was found', () => {
    const text = textReport({
      consistent: false,
      checkedAt: '2030-01-01T10:00:00.000Z',
      settleMs: 10_000,
      rules: [
        {
          ...rule('reserved-lines-have-pick-demand', 3),
          disagreements: [
            {
              about: 'reserved units with nothing to pick them',
              orderId: 'o-6',
              orderNumber: 'SO-000006',
              orderLineId: 'l-6',
              locationCode: 'WH1',
              expected: 'pick demand or an unshipped pick ticket at WH1',
              found: 'none',
              note: '6 reserved',
            },
          ],
        },
        {
          ...rule('posted-invoices-have-one-event', 3),
          disagreements: [
            {
              about: '`invoice posted` events',
              invoiceId: 'i-1',
              invoiceNumber: 'INV-000001',
              eventIds: ['e-1', 'e-2'],
              expected: 1,
              found: 2,
            },
            { about: 'missing open item', invoiceId: 'i-2', expected: 300, found: null },
          ],
        },
      ],
    });
    expect(text.split('\n')).toEqual([
      'Consistency check at 2030-01-01T10:00:00.000Z: 3 disagreements in 2 of 2 rules, each looked at again after 10 s.',
      '',
      'FAIL  reserved-lines-have-pick-demand (3 checked, 1 disagreement)',
      '      What reserved-lines-have-pick-demand proves',
      '      - reserved units with nothing to pick them: order SO-000006 (o-6), line l-6, at WH1: expected pick demand or an unshipped pick ticket at WH1, found none [6 reserved]',
      'FAIL  posted-invoices-have-one-event (3 checked, 2 disagreements)',
      '      What posted-invoices-have-one-event proves',
      '      - `invoice posted` events: invoice INV-000001 (i-1), events e-1, e-2: expected 1, found 2',
      '      - missing open item: invoice (i-2): expected 300, found nothing',
      '',
    ]);
  });
});
