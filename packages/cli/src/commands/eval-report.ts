import type { OutputStream } from '../progress.js';

/** What `simdgan eval` measured, as it prints it. */
export interface EvalReport {
  /** The generator file, or `real <kind>`. */
  source: string;
  data: string;
  count: number;
  seed: number;
  metrics: Record<string, number>;
}

/** Words and formats for the metrics of gan's evaluateSamples. */
const ROWS: { key: string; label: string; show: (m: Record<string, number>) => string }[] = [
  { key: 'modesCovered', label: 'modes covered',
    show: (m) => `${m.modesCovered} of ${m.modeCount}` },
  { key: 'highQualityPercent', label: 'high-quality samples',
    show: (m) => `${m.highQualityPercent.toFixed(2)}%` },
  { key: 'modeKl', label: 'KL(modes || uniform)', show: (m) => fixed(m.modeKl, 4) },
  { key: 'classesCovered', label: 'classes covered', show: (m) => `${m.classesCovered} of 10` },
  { key: 'classKl', label: 'KL(classes || uniform)', show: (m) => fixed(m.classKl, 4) },
  { key: 'inceptionScore', label: 'inception score', show: (m) => fixed(m.inceptionScore, 3) },
  { key: 'frechetDistance', label: 'Frechet distance', show: (m) => fixed(m.frechetDistance, 3) },
];

/** A number with `digits` decimals; NaN (an undefined KL) as 'undefined'. */
function fixed(value: number, digits: number): string {
  return Number.isNaN(value) ? 'undefined' : value.toFixed(digits);
}

/** The report as an aligned table, for a terminal. */
export function formatEvalTable(report: EvalReport): string {
  const shown = new Set(['modeCount']);
  const rows: [string, string][] = [];
  for (const row of ROWS) {
    if (report.metrics[row.key] === undefined) continue;
    rows.push([row.label, row.show(report.metrics)]);
    shown.add(row.key);
  }
  for (const [key, value] of Object.entries(report.metrics)) {
    if (!shown.has(key)) rows.push([key, String(value)]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  const title = `${report.source}: ${report.data}, ${report.count} samples, seed ${report.seed}`;
  return [title, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)]
    .join('\n') + '\n';
}

/**
 * Writes the report: a table on a terminal, one line of JSON when piped
 * (NaN, an undefined KL, becomes null).
 */
export function writeEvalReport(stdout: OutputStream, report: EvalReport): void {
  stdout.write(stdout.isTTY ? formatEvalTable(report) : `${JSON.stringify(report)}\n`);
}
