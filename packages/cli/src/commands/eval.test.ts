import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import * as library from '@simdgan/gan';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { GanApi } from '../context.js';
import { runCli } from '../program.js';
import { fakeGan, temporaryFolder, testContext } from '../test/fake-gan.js';
import { formatEvalTable } from './eval-report.js';

const gan = library as unknown as GanApi;
let backend: library.Backend;
let folder: ReturnType<typeof temporaryFolder>;
beforeAll(async () => {
  backend = await library.createBackend({ threads: 1 });
});
afterAll(() => backend.dispose());
beforeEach(() => (folder = temporaryFolder()));
afterEach(() => folder.remove());

/**
 * A generator file whose every sample is `output` (shape [h, w, c]): a dense
 * layer with zero weights and `output` as its bias, then a reshape.
 */
function constantGenerator(output: ArrayLike<number>, shape: number[]): string {
  const network = new library.Network(backend, {
    role: 'generator', inputShape: [4],
    layers: [{ type: 'dense', units: output.length }, { type: 'reshape', shape }],
  }, new library.Random(0));
  const [weight, bias] = network.parameters();
  backend.write(weight.tensor.dataId, new Float32Array(weight.tensor.size));
  backend.write(bias.tensor.dataId, output);
  const path = join(folder.path, `g${shape.join('x')}.sgan`);
  writeFileSync(path, network.save());
  network.dispose();
  return path;
}

describe('simdgan eval --generator', () => {
  it('finds 1 mode of 8 with KL log 8 for a generator stuck on one ring mode', async () => {
    const path = constantGenerator([1, 0], [1, 1, 2]);
    const { context, stdout, stderr } = testContext(gan);
    const args = ['eval', '--generator', path, '--data', 'ring', '--count', '100'];
    expect(await runCli([...args, '--threads', '1'], context)).toBe(0);
    expect(stderr.text).toBe('');
    expect(JSON.parse(stdout.text)).toEqual({
      source: path, data: 'ring', count: 100, seed: 0,
      metrics: { modesCovered: 1, modeCount: 8, highQualityPercent: 100, modeKl: Math.log(8) },
    });
  });

  it('asks which mixture for 2-D points and names shapes that do not fit --data', async () => {
    const points = constantGenerator([1, 0], [1, 1, 2]);
    const { context, stderr } = testContext(gan);
    expect(await runCli(['eval', '--generator', points], context)).toBe(2);
    expect(stderr.text).toBe(`simdgan: ${points} makes 2-D points: say which mixture with ` +
      '--data ring or --data grid\n');
    stderr.text = '';
    expect(await runCli(['eval', '--generator', points, '--data', 'mnist'], context)).toBe(2);
    expect(stderr.text).toBe(
      `simdgan: --data mnist: needs samples of 28x28x1, but ${points} makes 1x1x2\n`);
    stderr.text = '';
    const small = constantGenerator(new Float32Array(16), [4, 4, 1]);
    expect(await runCli(['eval', '--generator', small], context)).toBe(2);
    expect(stderr.text).toBe(`simdgan: ${small} makes 4x4x1 samples; metrics exist for ring ` +
      'and grid (1x1x2), mnist (28x28x1) and stacked-mnist (28x28x3)\n');
  });

  it('scores a generator that always draws one real digit as collapsed', async () => {
    const mnist = await library.loadMnist();
    const seven = mnist.labels!.indexOf(7);
    const path = constantGenerator(mnist.images.subarray(seven * 784, (seven + 1) * 784),
      [28, 28, 1]);
    const { context, stdout } = testContext(gan, { tty: true });
    expect(await runCli(['eval', '--generator', path, '--count', '64', '--seed', '3'], context))
      .toBe(0);
    const lines = stdout.lines();
    expect(lines[0]).toBe(`${path}: mnist, 64 samples, seed 3`);
    expect(lines[1]).toBe('  classes covered         1 of 10');
    expect(lines[2]).toBe(`  KL(classes || uniform)  ${Math.log(10).toFixed(4)}`);
    expect(lines[3]).toMatch(/^ {2}inception score {9}1\.000$/);
    expect(Number(lines[4].split(/\s+/).pop())).toBeGreaterThan(10);
  });
});

describe('simdgan eval --real', () => {
  it('gives the held-out digits an inception score above 9.5 and 10 classes', async () => {
    const { context, stdout, stderr } = testContext(gan);
    expect(await runCli(['eval', '--real', 'mnist'], context)).toBe(0);
    expect(stderr.text).toBe('');
    const report = JSON.parse(stdout.text);
    expect(report).toMatchObject({ source: 'real mnist', data: 'mnist', count: 2000 });
    expect(report.metrics.classesCovered).toBe(10);
    expect(report.metrics.inceptionScore).toBeGreaterThan(9.5);
    expect(report.metrics.frechetDistance).toBeGreaterThan(0);
    expect(report.metrics.frechetDistance).toBeLessThan(10);
  });

  it('covers every grid mode with real points, as a table on a terminal', async () => {
    const { context, stdout } = testContext(gan, { tty: true });
    expect(await runCli(['eval', '--real', 'grid', '--seed', '2'], context)).toBe(0);
    expect(stdout.lines().slice(0, 2)).toEqual([
      'real grid: grid, 2500 samples, seed 2', '  modes covered         25 of 25',
    ]);
  });
});

describe('simdgan eval options', () => {
  it('needs exactly one of --generator and --real, and fitting flags', async () => {
    const { gan: fake } = fakeGan();
    const { context, stderr } = testContext(fake);
    const cases: [string[], string][] = [
      [[], 'give --generator <file> or --real ring|grid|mnist|stacked-mnist'],
      [['--generator', 'g', '--real', 'ring'],
        '--real: measures real data, so it is not used with --generator'],
      [['--real', 'ring', '--data', 'grid'],
        '--data: not used with --real, which names the data'],
      [['--real', 'mnist', '--count', '5'],
        '--count: --real mnist always measures the 2,000 held-out digits'],
      [['--real', 'cifar'],
        "--real: expected one of ring, grid, mnist, stacked-mnist, got 'cifar'"],
      [['--real', 'ring', '--count', '1'], "--count: expected a whole number from 2 to 100000, " +
        "got '1'"],
    ];
    for (const [flags, message] of cases) {
      stderr.text = '';
      expect(await runCli(['eval', ...flags], context)).toBe(2);
      expect(stderr.text).toBe(`simdgan: ${message}\n`);
    }
  });

  it('prints an undefined KL as "undefined" in the table and null in JSON', async () => {
    const report = { source: 'g.sgan', data: 'ring', count: 4, seed: 0,
      metrics: { modesCovered: 0, modeCount: 8, highQualityPercent: 0, modeKl: NaN } };
    expect(formatEvalTable(report)).toBe([
      'g.sgan: ring, 4 samples, seed 0',
      '  modes covered         0 of 8',
      '  high-quality samples  0.00%',
      '  KL(modes || uniform)  undefined',
      '',
    ].join('\n'));
    expect(JSON.parse(JSON.stringify(report)).metrics.modeKl).toBeNull();
  });
});
