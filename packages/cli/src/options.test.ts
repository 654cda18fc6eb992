import { describe, expect, it } from 'vitest';

import { parseSampleOptions } from './commands/sample.js';
import { parseTrainOptions } from './commands/train.js';
import { parseChoice, parseDecimal, parseWholeNumber } from './options.js';
import { cliError } from './test/cli-error.js';


describe('parseWholeNumber', () => {
  it('accepts decimal digits within the range', () => {
    expect(parseWholeNumber('--steps', '2000', 1)).toBe(2000);
    expect(parseWholeNumber('--seed', '0', 0, 10)).toBe(0);
  });

  it.each(['abc', '1.5', '1e3', '', '0x10', '12abc'])('refuses %j, naming the flag', (raw) => {
    const error = cliError(() => parseWholeNumber('--steps', raw, 1));
    expect(error.code).toBe('BAD_OPTION');
    expect(error.message).toBe(`--steps: expected a whole number >= 1, got '${raw}'`);
  });

  it('refuses numbers outside the range, saying the range', () => {
    expect(cliError(() => parseWholeNumber('--batch-size', '0', 1)).message).toBe(
      "--batch-size: expected a whole number >= 1, got '0'",
    );
    expect(cliError(() => parseWholeNumber('--seed', '-1', 0, 9)).message).toBe(
      "--seed: expected a whole number from 0 to 9, got '-1'",
    );
  });
});

describe('parseDecimal', () => {
  it('accepts plain and exponent forms', () => {
    expect(parseDecimal('--lr-generator', '2e-4', { above: 0 })).toBe(2e-4);
    expect(parseDecimal('--lr-generator', '.001', { above: 0 })).toBe(0.001);
  });

  it('refuses words, infinities and values out of range, naming the flag', () => {
    expect(cliError(() => parseDecimal('--lr-generator', 'fast', { above: 0 })).message).toBe(
      "--lr-generator: expected a number > 0, got 'fast'",
    );
    expect(cliError(() => parseDecimal('--lr-generator', '0', { above: 0 })).code).toBe(
      'BAD_OPTION',
    );
    expect(cliError(() => parseDecimal('--x', '1e999', { above: 0 })).code).toBe('BAD_OPTION');
    const beta = cliError(() => parseDecimal('--beta1', '1', { atLeast: 0, below: 1 }));
    expect(beta.message).toBe("--beta1: expected a number >= 0 and < 1, got '1'");
  });
});

describe('parseChoice', () => {
  it('lists the choices when refusing', () => {
    const error = cliError(() => parseChoice('--build', 'gpu', ['auto', 'scalar', 'simd']));
    expect(error.message).toBe("--build: expected one of auto, scalar, simd, got 'gpu'");
  });
});

describe('parseTrainOptions', () => {
  it('keeps only the flags given, with the command defaults for the rest', () => {
    const options = parseTrainOptions({ batchSize: '32', lrGenerator: '1e-3', beta1: '0.9' });
    expect(options).toEqual({
      data: 'mnist',
      labels: undefined,
      out: undefined,
      build: 'auto',
      config: {
        steps: 2000,
        batchSize: 32,
        generatorLearningRate: 1e-3,
        beta1: 0.9,
        sampleEvery: 100,
        logEvery: 10,
      },
    });
  });

  it.each([
    [{ steps: 'abc' }, "--steps: expected a whole number >= 1, got 'abc'"],
    [{ batchSize: '0' }, "--batch-size: expected a whole number from 1 to 65536, got '0'"],
    [{ latentDim: '-3' }, "--latent-dim: expected a whole number from 1 to 4096, got '-3'"],
    [{ lrDiscriminator: '-1' }, "--lr-discriminator: expected a number > 0, got '-1'"],
    [{ seed: '4294967296' }, "--seed: expected a whole number from 0 to 4294967295, " +
      "got '4294967296'"],
    [{ sampleEvery: '1.5' }, "--sample-every: expected a whole number >= 1, got '1.5'"],
    [{ logEvery: '' }, "--log-every: expected a whole number >= 1, got ''"],
    [{ build: 'gpu' }, "--build: expected one of auto, relaxed, simd, scalar, got 'gpu'"],
    [{ out: '' }, "--out: expected a path, got ''"],
    [{ labels: 'l.idx' }, '--labels: only used with an IDX file as --data; ' +
      'mnist brings its own labels'],
  ])('refuses %j with a message naming the flag', (raw, message) => {
    expect(cliError(() => parseTrainOptions(raw)).message).toBe(message);
  });
});

describe('parseSampleOptions', () => {
  it('defaults count to 64, seed to 0 and the format to the --out name', () => {
    expect(parseSampleOptions({ generator: 'g.sgan', out: 'grid.png' })).toEqual({
      generator: 'g.sgan', out: 'grid.png', count: 64, seed: 0, build: 'auto', format: 'png',
    });
    expect(parseSampleOptions({ generator: 'g.sgan', out: 'ring.csv' }).format).toBe('csv');
    expect(parseSampleOptions({ generator: 'g.sgan', out: 'x', format: 'idx' }).format)
      .toBe('idx');
  });

  it('refuses a bad count, naming --count', () => {
    const error = cliError(() => parseSampleOptions({ generator: 'g', out: 'o', count: '0' }));
    expect(error.message).toBe("--count: expected a whole number from 1 to 10000, got '0'");
  });
});
