import { check } from '../errors.js';

/** Checks that `value` is a whole number >= `min` ('BAD_ARGUMENT'). */
export function checkWhole(owner: string, name: string, value: number, min: number): void {
  check(Number.isInteger(value) && value >= min, 'BAD_ARGUMENT', () =>
    `${owner}: ${name} must be a whole number >= ${min}, got ${value}`);
}

/** Checks that `value` lies in the open interval (low, high) ('BAD_ARGUMENT'). */
export function checkBetween(
  owner: string,
  name: string,
  value: number,
  low: number,
  high: number,
): void {
  check(value > low && value < high, 'BAD_ARGUMENT', () =>
    `${owner}: ${name} must lie in (${low}, ${high}), got ${value}`);
}

/** A saved number (detector state); throws on anything else. */
export function numberOf(value: unknown): number {
  if (typeof value !== 'number') throw new Error(`a number expected, got ${String(value)}`);
  return value;
}

/** Checks that `value` is a finite number above 0 ('BAD_ARGUMENT'). */
export function checkPositive(owner: string, name: string, value: number): void {
  check(Number.isFinite(value) && value > 0, 'BAD_ARGUMENT', () =>
    `${owner}: ${name} must be a positive number, got ${value}`);
}
