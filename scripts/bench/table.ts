/** The one table the bench prints: a row per measure, with its target and whether it is met. */

export type Verdict = 'met' | 'NOT met' | 'info';

export interface Row {
  section: string;
  measure: string;
  result: string;
  target?: string;
  verdict?: Verdict;
}

export const verdict = (ok: boolean): Verdict => (ok ? 'met' : 'NOT met');

export function formatTable(rows: readonly Row[]): string {
  const header: Row = { section: 'Section', measure: 'Measure', result: 'Result (median, min–max)', target: 'Target', verdict: 'info' };
  const cells = [header, ...rows].map((r) => [r.section, r.measure, r.result, r.target ?? '', r === header ? 'Met?' : r.verdict === 'info' || !r.verdict ? '' : r.verdict]);
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}
