import type { FactsPage, FactsPageRequest, InvoiceFact } from '#contracts';
import { BillingSubjects } from '#contracts';
import type { FactSources, FactSubject } from './system-facts.js';
import { checkSystem } from './system-check.js';

function invoice(invoiceId: string): InvoiceFact {
  return {
    invoiceId,
    number: `INV-${invoiceId}`,
    orderId: 'o1',
    status: 'POSTED',
    // Nothing billed, nothing open: only the events rule has anything to say about it.
    totalMinor: 0,
    postedAt: '2030-01-01T00:00:00.000Z',
    openItem: { originalMinor: 0, openMinor: 0 },
    paymentsMinor: 0,
    reversedMinor: 0,
  };
}

/**
 * Sources whose invoices (and their events) are given per look (a look starts with the first page of invoices); every other service has
 * nothing. Invoices are served one per page, to prove that the check pages through.
 */
function sources(looks: Array<{ invoices: string[]; events: Record<string, string[]> }>) {
  let look = -1;
  const pages: FactsPageRequest[] = [];
  const fake: FactSources = {
    page: (subject: FactSubject, request: FactsPageRequest) => {
      if (subject !== BillingSubjects.invoiceFacts) return Promise.resolve({ items: [] } as never);
      pages.push(request);
      if (!request.after) look += 1;
      const ids = looks[look].invoices;
      const at = request.after ? ids.indexOf(request.after) + 1 : 0;
      const page: FactsPage<InvoiceFact> = { items: ids.slice(at, at + 1).map(invoice) };
      if (at + 1 < ids.length) page.next = ids[at];
      return Promise.resolve(page as never);
    },
    invoicePostedEvents: () => Promise.resolve(new Map(Object.entries(looks[look].events))),
  };
  return { fake, pages, looks: () => look + 1 };
}

const eventRule = (report: Awaited<ReturnType<typeof checkSystem>>) =>
  report.rules.find((r) => r.rule === 'posted-invoices-have-one-event')!;

describe('checkSystem', () => {
  it('reads every page and looks only once when everything agrees', async () => {
    const s = sources([{ invoices: ['a', 'b', 'c'], events: { a: ['e1'], b: ['e2'], c: ['e3'] } }]);
    const report = await checkSystem(s.fake, {
      settleMs: 10_000,
      pageSize: 1,
      sleep: () => Promise.reject(new Error('no wait')),
    });
    expect(report.consistent).toBe(true);
    expect(eventRule(report).checked).toBe(3);
    expect(s.pages.map((p) => p.after)).toEqual([undefined, 'a', 'b']);
    expect(s.looks()).toBe(1);
  });

  it('reports only what still disagrees after the settle window', async () => {
    // First look: a's event is not relayed yet, b has two. Second look: a's arrived, b still has two, c is new.
    const s = sources([
      { invoices: ['a', 'b'], events: { b: ['e2', 'e2x'] } },
      { invoices: ['a', 'b', 'c'], events: { a: ['e1'], b: ['e2', 'e2x'] } },
    ]);
    const waited: number[] = [];
    const report = await checkSystem(s.fake, {
      settleMs: 250,
      pageSize: 1,
      sleep: (ms) => {
        waited.push(ms);
        return Promise.resolve();
      },
    });
    expect(waited).toEqual([250]);
    expect(report.consistent).toBe(false);
    expect(eventRule(report).disagreements).toEqual([
      expect.objectContaining({ invoiceId: 'b', expected: 1, found: 2, eventIds: ['e2', 'e2x'] }),
    ]);
  });

  it('reports the first look as it is when the settle window is 0', async () => {
    const s = sources([{ invoices: ['a'], events: {} }]);
    const report = await checkSystem(s.fake, { settleMs: 0, pageSize: 10 });
    expect(eventRule(report).disagreements).toEqual([expect.objectContaining({ invoiceId: 'a', found: 0 })]);
    expect(s.looks()).toBe(1);
  });
});
