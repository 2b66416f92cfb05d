import type { Disagreement, SystemConsistencyReport } from '#contracts';

/** The report as a person reads it: one line per rule, one line per disagreement with the ids involved. */
export function textReport(report: SystemConsistencyReport): string {
  const count = report.rules.reduce((sum, r) => sum + r.disagreements.length, 0);
  const failing = report.rules.filter((r) => r.disagreements.length > 0).length;
  const settled = report.settleMs > 0 ? `, each looked at again after ${report.settleMs / 1000} s` : '';
  const lines = [
    report.consistent
      ? `Consistency check at ${report.checkedAt}: the services agree (${report.rules.length} rules).`
      : `Consistency check at ${report.checkedAt}: ${plural(count, 'disagreement')} in ${failing} of ${report.rules.length} rules${settled}.`,
    '',
  ];
  for (const rule of report.rules) {
    const found = rule.disagreements.length;
    lines.push(
      `${found === 0 ? 'ok  ' : 'FAIL'}  ${rule.rule} (${rule.checked} checked${found ? `, ${plural(found, 'disagreement')}` : ''})`,
      `      ${rule.description}`,
    );
    for (const d of rule.disagreements) lines.push(`      - ${disagreementLine(d)}`);
  }
  return `${lines.join('\n')}\n`;
}

function disagreementLine(d: Disagreement): string {
  const ids = [
    d.orderNumber || d.orderId
      ? `order ${[d.orderNumber, d.orderId && `(${d.orderId})`].filter(Boolean).join(' ')}`
      : '',
    d.orderLineId ? `line ${d.orderLineId}` : '',
    d.locationCode ? `at ${d.locationCode}` : '',
    d.invoiceNumber || d.invoiceId
      ? `invoice ${[d.invoiceNumber, d.invoiceId && `(${d.invoiceId})`].filter(Boolean).join(' ')}`
      : '',
    d.eventIds?.length ? `events ${d.eventIds.join(', ')}` : '',
  ].filter(Boolean);
  const note = d.note ? ` [${d.note}]` : '';
  return `${d.about}: ${ids.join(', ')}: expected ${show(d.expected)}, found ${show(d.found)}${note}`;
}

function show(value: number | string | null): string {
  return value === null ? 'nothing' : String(value);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
