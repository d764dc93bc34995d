/**
 * How the bench prints: every figure is a measurement, the baseline measured in the same run on the same
 * servers, and their ratio (the project's rule: no absolute claim stands alone). Sections print as they finish;
 * the summary repeats every figure in one table at the end.
 */

export interface Quantity {
  label: string;
  value: number;
  unit: '/s' | 'tps' | 'ms' | 'MB';
  /** For latencies: the 99th percentile beside the headline value (the topology section compares it). */
  p99?: number;
  /** Context printed after the number (counts, settings), not in the summary. */
  note?: string;
}

export interface Figure {
  section: string;
  baseline: Quantity;
  measured: Quantity;
  /** What the ratio divides, in words: "transfers/s ÷ pgbench tps". */
  ratioLabel: string;
}

const LABEL_WIDTH = 48;

export const ratioOf = (f: Figure) => f.measured.value / f.baseline.value;

export function printHeading(section: string, setting: string): void {
  console.log(`\n▸ ${section}: ${setting}`);
}

/** One indented line under a section: a check or a context figure that has no ratio of its own. */
export function printLine(tag: string, label: string, text: string): void {
  console.log(`  ${tag.padEnd(9)} ${label.padEnd(LABEL_WIDTH)} ${text}`);
}

export function printFigure(f: Figure): void {
  for (const [tag, q] of [['baseline', f.baseline], ['measured', f.measured]] as const) {
    printLine(tag, q.label, `${value(q).padStart(12)}${q.note ? `   (${q.note})` : ''}`);
  }
  printLine('ratio', f.ratioLabel, ratio(ratioOf(f)).padStart(12));
}

export function printSummary(figures: Figure[]): void {
  const rows = figures.map((f) => [f.section, f.measured.label, value(f.measured), f.baseline.label, value(f.baseline), ratio(ratioOf(f))]);
  const head = ['section', 'measured', '', 'baseline (same run)', '', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const rightAligned = new Set([2, 4, 5]);
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log('\nsummary (ratio = measured ÷ baseline)');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}

function value(q: Quantity): string {
  return `${q.value.toFixed(1)} ${q.unit}`;
}

/** Two significant digits below 1 (0.063), two decimals above (12.40): enough to compare runs. */
function ratio(r: number): string {
  if (!Number.isFinite(r)) return String(r);
  return r < 1 ? r.toPrecision(2) : r.toFixed(2);
}
