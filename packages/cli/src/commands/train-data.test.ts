import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { encodePng } from '../png.js';
import { runCli } from '../program.js';
import { fakeGan, temporaryFolder, testContext } from '../test/fake-gan.js';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => (folder = temporaryFolder()));
afterEach(() => folder.remove());

const QUICK = ['--steps', '2', '--sample-every', '1', '--log-every', '1'];

/** An opaque 2x2 PNG of one gray level. */
function png(level: number): Uint8Array {
  const rgba = new Uint8ClampedArray(16).fill(level);
  for (let i = 3; i < 16; i += 4) rgba[i] = 255;
  return encodePng({ width: 2, height: 2, rgba });
}

function configOf(out: string) {
  return JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
}

describe('simdgan train --data', () => {
  it('makes the ring, grid and Stacked MNIST data sets by name', async () => {
    for (const [name, count] of [['ring', 100_000], ['grid', 100_000],
      ['stacked-mnist', 12_800]] as const) {
      const { gan, calls } = fakeGan();
      const { context, stderr } = testContext(gan);
      const out = join(folder.path, name);
      expect(await runCli(['train', ...QUICK, '--data', name, '--out', out], context)).toBe(0);
      expect(stderr.text).toBe('');
      expect(calls.datasets).toEqual([{ name, count }]);
      expect(configOf(out).data).toMatchObject({ source: name, name, count });
    }
  });

  it('reads a folder with class subfolders and records the class names', async () => {
    const pictures = join(folder.path, 'pictures');
    mkdirSync(join(pictures, 'dogs'), { recursive: true });
    mkdirSync(join(pictures, 'cats'), { recursive: true });
    writeFileSync(join(pictures, 'dogs', 'a.png'), png(255));
    writeFileSync(join(pictures, 'cats', 'b.png'), png(0));
    writeFileSync(join(pictures, 'cats', 'c.png'), png(0));
    const { gan, calls } = fakeGan();
    const { context, stderr } = testContext(gan);
    const out = join(folder.path, 'run');
    const args = ['train', ...QUICK, '--data', pictures, '--image-size', '8', '--channels', '1',
      '--out', out];
    expect(await runCli(args, context)).toBe(0);
    expect(stderr.text).toBe('');
    expect(calls.datasets).toEqual([{ name: 'pictures', count: 3 }]);
    expect(configOf(out).data).toMatchObject({
      source: pictures, classes: ['cats', 'dogs'], skipped: [], imageSize: 8, channels: 1,
      badFiles: 'refuse', height: 8, width: 8, classCount: 2, labelled: true,
    });
  });

  it('refuses a bad picture by default and skips it with --bad-files skip', async () => {
    const pictures = join(folder.path, 'pictures');
    mkdirSync(pictures);
    writeFileSync(join(pictures, 'good.png'), png(9));
    const bad = join(pictures, 'bad.jpg');
    writeFileSync(bad, 'not a jpeg');
    const { gan } = fakeGan();
    const { context, stderr } = testContext(gan);
    const args = ['train', ...QUICK, '--data', pictures];
    expect(await runCli([...args, '--out', join(folder.path, 'a')], context)).toBe(2);
    expect(stderr.text).toBe(`simdgan: --data: ${bad}: cannot read the picture: not a PNG or ` +
      'JPEG file (it starts with 6e 6f 74 20); fix or remove it, or pass --bad-files skip to ' +
      'leave such files out\n');
    stderr.text = '';
    const out = join(folder.path, 'b');
    expect(await runCli([...args, '--bad-files', 'skip', '--out', out], context)).toBe(0);
    expect(stderr.text).toBe(`simdgan: warning: skipped ${bad}: not a PNG or JPEG file ` +
      '(it starts with 6e 6f 74 20)\n');
    expect(configOf(out).data).toMatchObject({ skipped: [bad], classes: null, count: 1 });
  });

  it('refuses an --out that is the picture folder or inside it, writing nothing', async () => {
    const pictures = join(folder.path, 'pictures');
    mkdirSync(join(pictures, 'cats'), { recursive: true });
    writeFileSync(join(pictures, 'cats', 'a.png'), png(9));
    const link = join(folder.path, 'link');
    symlinkSync(pictures, link);
    const { gan, calls } = fakeGan();
    const { context, stderr } = testContext(gan);
    const cases: [string, string, string][] = [
      [pictures, pictures, 'the'],
      [join(pictures, 'run'), pictures, 'inside the'],
      [join(pictures, 'cats', 'new', 'run'), `${pictures}/`, 'inside the'],
      [join(link, 'run'), pictures, 'inside the'],
    ];
    for (const [out, data, where] of cases) {
      stderr.text = '';
      expect(await runCli(['train', ...QUICK, '--data', data, '--out', out], context)).toBe(2);
      expect(stderr.text).toBe(`simdgan: --out ${out}: is ${where} --data folder ${data}; ` +
        'the run\'s samples/*.png would become pictures of its data set; choose a run ' +
        'folder outside it\n');
    }
    expect(readdirSync(pictures)).toEqual(['cats']);
    expect(readdirSync(join(pictures, 'cats'))).toEqual(['a.png']);
    expect(calls.datasets).toEqual([]);
    // A sibling whose name starts with the folder's is outside it.
    const beside = join(folder.path, 'pictures-run');
    expect(await runCli(['train', ...QUICK, '--data', pictures, '--out', beside], context))
      .toBe(0);
  });

  it('refuses folder flags with a built-in data set, and bad sizes and channels', async () => {
    const { gan } = fakeGan();
    const { context, stderr } = testContext(gan);
    const cases: [string[], string][] = [
      [['--data', 'ring', '--image-size', '8'],
        '--image-size: only used with a folder of pictures as --data, not ring'],
      [['--bad-files', 'skip'],
        '--bad-files: only used with a folder of pictures as --data, not mnist'],
      [['--data', 'x', '--image-size', '30'],
        "--image-size: expected a multiple of 4 (the DCGAN halves it twice), got '30'"],
      [['--data', 'x', '--channels', '2'], "--channels: expected one of 1, 3, got '2'"],
      [['--data', 'x', '--bad-files', 'ignore'],
        "--bad-files: expected one of skip, refuse, got 'ignore'"],
      [['--data', 'grid', '--labels', 'l.idx'],
        '--labels: only used with an IDX file as --data; grid brings its own labels'],
    ];
    for (const [flags, message] of cases) {
      stderr.text = '';
      expect(await runCli(['train', ...flags, '--out', join(folder.path, 'r')], context)).toBe(2);
      expect(stderr.text).toBe(`simdgan: ${message}\n`);
    }
  });
});
