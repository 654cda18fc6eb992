import { readFileSync } from 'node:fs';

import { CliError, reasonOf } from '../errors.js';

/**
 * One line of a run's metrics.jsonl. Step events carry the figures below;
 * evaluation lines carry `metrics` (named figures such as modesCovered).
 * Every field but `step` is optional, and non-finite figures (written by
 * JSON as null) are left out of the plots.
 */
export interface RunRecord {
  step: number;
  discriminatorLoss?: number | null;
  generatorLoss?: number | null;
  realScore?: number | null;
  fakeScore?: number | null;
  generatorGradientNorm?: number | null;
  discriminatorGradientNorm?: number | null;
  metrics?: Record<string, number | null>;
}

/**
 * Parses metrics.jsonl text: one JSON object with a numeric `step` per
 * line. Blank lines are skipped, and so is an unfinished last line (a
 * reader can race the single append that writes each line); any other bad
 * line is refused with its number ('BAD_METRICS').
 */
export function parseRunRecords(text: string, source: string): RunRecord[] {
  const lines = text.split('\n');
  const records: RunRecord[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const last = index === lines.length - 1;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      if (last) return;
      throw new CliError('BAD_METRICS', `${source}: line ${index + 1} is not JSON: ` +
        `${reasonOf(error)}`);
    }
    const step = (record as { step?: unknown } | null)?.step;
    if (typeof step !== 'number') {
      throw new CliError('BAD_METRICS', `${source}: line ${index + 1} has no numeric "step"`);
    }
    records.push(record as RunRecord);
  });
  return records;
}

/** Reads and parses a metrics.jsonl file; a missing file has no records. */
export function readRunRecords(path: string): RunRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw new CliError('READ_FAILED', `cannot read ${path}: ${reasonOf(error)}`);
  }
  return parseRunRecords(text, path);
}
