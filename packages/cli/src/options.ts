import { CliError } from './errors.js';

/** WebAssembly builds a person can ask for. */
export const BUILDS = ['auto', 'relaxed', 'simd', 'scalar'] as const;
/** One of {@link BUILDS}. */
export type BuildName = (typeof BUILDS)[number];

function badOption(flag: string, expected: string, raw: string): CliError {
  return new CliError('BAD_OPTION', `${flag}: expected ${expected}, got '${raw}'`);
}

/**
 * Parses a whole number written in decimal digits, in [min, max]; "abc",
 * "1.5", "1e3" and "" are refused with a message naming `flag`.
 */
export function parseWholeNumber(
  flag: string,
  raw: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  const expected = `a whole number ${range}`;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw badOption(flag, expected, raw);
  const value = Number(raw);
  if (value < min || value > max) throw badOption(flag, expected, raw);
  return value;
}

/**
 * Parses a decimal number such as 0.0002 or 2e-4 that is `> above`,
 * `>= atLeast` and `< below` (each bound optional).
 */
export function parseDecimal(
  flag: string,
  raw: string,
  range: { above?: number; atLeast?: number; below?: number },
): number {
  const parts = [
    range.above !== undefined ? `> ${range.above}` : undefined,
    range.atLeast !== undefined ? `>= ${range.atLeast}` : undefined,
    range.below !== undefined ? `< ${range.below}` : undefined,
  ].filter(Boolean);
  const expected = `a number ${parts.join(' and ')}`.trim();
  const pattern = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
  if (!pattern.test(raw)) throw badOption(flag, expected, raw);
  const value = Number(raw);
  const fits =
    Number.isFinite(value) &&
    (range.above === undefined || value > range.above) &&
    (range.atLeast === undefined || value >= range.atLeast) &&
    (range.below === undefined || value < range.below);
  if (!fits) throw badOption(flag, expected, raw);
  return value;
}

/** Accepts one of `choices`, naming them all when `raw` is not one. */
export function parseChoice<T extends string>(
  flag: string,
  raw: string,
  choices: readonly T[],
): T {
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw badOption(flag, `one of ${choices.join(', ')}`, raw);
}

/**
 * The value of a flag the command cannot do without, or a CliError
 * ('BAD_OPTION') in commander's words; `usage` is the flag as help shows it
 * (`--out <path>`). Checked here rather than by commander's requiredOption,
 * which reports a missing flag before an unknown one (`sample --frob`).
 */
export function requireOption(usage: string, raw: string | undefined): string {
  if (raw === undefined) {
    throw new CliError('BAD_OPTION', `required option '${usage}' not specified`);
  }
  return raw;
}

/** Refuses an empty path, which would silently mean the current folder. */
export function parsePath(flag: string, raw: string): string {
  if (raw.trim() === '') throw badOption(flag, 'a path', raw);
  return raw;
}

/** Largest seed: seeds are 32-bit. */
export const MAX_SEED = 0xffffffff;

/** Checks `--threads`: a whole number from 1 to 256, or absent (the cores available). */
export function parseThreads(value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseWholeNumber('--threads', value, 1, 256);
}
