import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { decodePng } from '../png.js';
import { runCli } from '../program.js';
import { fakeGan, temporaryFolder, testContext } from '../test/fake-gan.js';

let folder: ReturnType<typeof temporaryFolder>;
let generator: string;
beforeEach(() => {
  folder = temporaryFolder();
  generator = join(folder.path, 'generator.sgan');
  writeFileSync(generator, 'FAKEGEN step=100');
});
afterEach(() => folder.remove());

describe('simdgan sample', () => {
  it('writes a PNG grid, the same bytes for the same seed, and prints its path', async () => {
    const { gan, calls } = fakeGan();
    const { context, stdout, stderr } = testContext(gan);
    const first = join(folder.path, 'grids', 'a.png');
    const second = join(folder.path, 'b.png');
    const third = join(folder.path, 'c.png');
    const args = ['sample', '--generator', generator, '--count', '6', '--seed', '3'];
    expect(await runCli([...args, '--out', first], context)).toBe(0);
    expect(await runCli([...args, '--out', second], context)).toBe(0);
    expect(await runCli(['sample', '--generator', generator, '--seed', '4', '--count', '6',
      '--out', third], context)).toBe(0);
    expect(stderr.text).toBe('');
    expect(stdout.lines()).toEqual([first, second, third]);

    expect(readFileSync(first)).toEqual(readFileSync(second));
    expect(readFileSync(first)).not.toEqual(readFileSync(third));
    expect(decodePng(readFileSync(first)).width).toBe(6 * 4);
    expect(calls.samples).toEqual([
      { count: 6, seed: 3 }, { count: 6, seed: 3 }, { count: 6, seed: 4 },
    ]);
    expect(calls.disposed).toEqual(Array(3).fill(['generator', 'backend']).flat());
  });

  it('uses count 64 and seed 0 by default', async () => {
    const { gan, calls } = fakeGan();
    const { context } = testContext(gan);
    const out = join(folder.path, 'grid.png');
    expect(await runCli(['sample', '--generator', generator, '--out', out], context)).toBe(0);
    expect(calls.samples).toEqual([{ count: 64, seed: 0 }]);
  });

  it('reports a foreign generator file in one line with its path and exit 2', async () => {
    const { gan, calls } = fakeGan();
    const { context, stderr } = testContext(gan);
    writeFileSync(generator, 'PK\u0003\u0004 a zip file');
    const out = join(folder.path, 'grid.png');
    expect(await runCli(['sample', '--generator', generator, '--out', out], context)).toBe(2);
    expect(stderr.text).toBe(`simdgan: ${generator}: not a simdgan model file\n`);
    expect(calls.disposed).toEqual(['backend']);
  });

  it('names a missing generator file and an unwritable --out', async () => {
    const { gan } = fakeGan();
    const { context, stderr } = testContext(gan);
    const missing = join(folder.path, 'none.sgan');
    const out = join(folder.path, 'grid.png');
    expect(await runCli(['sample', '--generator', missing, '--out', out], context)).toBe(2);
    expect(stderr.text).toBe(
      `simdgan: --generator ${missing}: cannot read: no such file or folder (ENOENT)\n`,
    );
    stderr.text = '';
    const under = join(generator, 'grid.png');
    expect(await runCli(['sample', '--generator', generator, '--out', under], context)).toBe(2);
    expect(stderr.text).toBe(`simdgan: --out ${generator}: is a file, not a folder\n`);
  });

  it('requires --generator and --out', async () => {
    const { gan } = fakeGan();
    const { context, stderr } = testContext(gan);
    expect(await runCli(['sample', '--out', 'x.png'], context)).toBe(2);
    expect(stderr.text).toBe(
      "simdgan: required option '--generator <file>' not specified\n",
    );
    stderr.text = '';
    expect(await runCli(['sample', '--generator', 'g.sgan'], context)).toBe(2);
    expect(stderr.text).toBe("simdgan: required option '--out <path>' not specified\n");
    stderr.text = '';
    expect(await runCli(['sample'], context)).toBe(2);
    expect(stderr.text).toBe(
      "simdgan: required option '--generator <file>' not specified\n",
    );
  });
});
