import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { idxToDataset, parseIdx } from '@simdgan/gan';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { toPixelBytes } from '../outputs/pixel-bytes.js';
import { decodePng } from '../png.js';
import { runCli } from '../program.js';
import { fakeGan, temporaryFolder, testContext } from '../test/fake-gan.js';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => (folder = temporaryFolder()));
afterEach(() => folder.remove());

/** A fake generator file: 'points', 'rgb' and 'classes=K' pick its kind. */
function generatorFile(kind = ''): string {
  const path = join(folder.path, `g${kind.replace(/\W/g, '')}.sgan`);
  writeFileSync(path, `FAKEGEN step=100 ${kind}`);
  return path;
}

/** Runs `simdgan sample` with the fake library; what the fake drew, too. */
async function sample(args: string[]) {
  const { gan } = fakeGan();
  const { context, stdout, stderr } = testContext(gan);
  const code = await runCli(['sample', ...args], context);
  const loaded = gan.loadGenerator(null as never, readFileSync(args[1]), args[1]);
  const count = Number(args[args.indexOf('--count') + 1]);
  const drawn = loaded.sample(count, Number(args[args.indexOf('--seed') + 1]));
  return { code, stdout: stdout.lines(), stderr: stderr.text, drawn };
}

function noTemporaryFiles(path: string): void {
  expect(readdirSync(path).filter((name) => name.endsWith('.tmp'))).toEqual([]);
}

describe('simdgan sample --format idx', () => {
  it('writes the images as IDX bytes that parseIdx and idxToDataset read back', async () => {
    const out = join(folder.path, 'fake.idx');
    const result = await sample(['--generator', generatorFile(), '--format', 'idx',
      '--count', '6', '--seed', '3', '--out', out]);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: [out] });
    const images = parseIdx(readFileSync(out), out);
    expect(images.dims).toEqual([6, 4, 4]);
    expect(Uint8Array.from(images.data)).toEqual(toPixelBytes(result.drawn.images));
    const dataset = idxToDataset(images, undefined, 'fake');
    dataset.images.forEach((value, i) => {
      expect(Math.abs(value - result.drawn.images[i])).toBeLessThanOrEqual(1 / 255 + 1e-6);
    });
    expect(existsSync(join(folder.path, 'fake-labels.idx'))).toBe(false);
    noTemporaryFiles(folder.path);
  });

  it('adds a labels file for a conditional generator, and keeps RGB channels', async () => {
    const out = join(folder.path, 'fake.idx');
    const labelsPath = join(folder.path, 'fake-labels.idx');
    const result = await sample(['--generator', generatorFile('rgb classes=10'),
      '--count', '5', '--seed', '2', '--out', out]);
    expect(result).toMatchObject({ code: 0, stdout: [out, labelsPath] });
    const images = parseIdx(readFileSync(out), out);
    const labels = parseIdx(readFileSync(labelsPath), labelsPath);
    expect(images.dims).toEqual([5, 4, 4, 3]);
    expect(labels.dims).toEqual([5]);
    expect(Int32Array.from(labels.data)).toEqual(result.drawn.labels);
    const dataset = idxToDataset(images, labels, 'fake');
    expect([dataset.channels, dataset.classCount]).toEqual([3, 1 + Math.max(...labels.data)]);
  });

  it('allows more samples than a grid holds, and the same seed gives the same bytes', async () => {
    const generator = generatorFile();
    const args = ['--generator', generator, '--count', '20000', '--seed', '1'];
    const a = join(folder.path, 'a.idx');
    const b = join(folder.path, 'b.idx');
    expect((await sample([...args, '--out', a])).code).toBe(0);
    expect((await sample([...args, '--out', b])).code).toBe(0);
    expect(readFileSync(a)).toEqual(readFileSync(b));
    const grid = await sample([...args, '--out', join(folder.path, 'grid.png')]);
    expect(grid.stderr).toBe("simdgan: --count: expected a whole number from 1 to 10000, " +
      "got '20000'\n");
  });
});

describe('simdgan sample --format png-folder', () => {
  it('writes one gray PNG per image, numbered, and labels.csv when conditional', async () => {
    const out = join(folder.path, 'digits');
    const result = await sample(['--generator', generatorFile('classes=3'),
      '--format', 'png-folder', '--count', '3', '--seed', '5', '--out', out]);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: [out] });
    expect(readdirSync(out).sort()).toEqual(
      ['000000.png', '000001.png', '000002.png', 'labels.csv']);
    const bytes = toPixelBytes(result.drawn.images);
    for (let i = 0; i < 3; i++) {
      const png = readFileSync(join(out, `00000${i}.png`));
      expect(png[16 + 9]).toBe(0); // colour type 0: gray
      const picture = decodePng(png);
      expect([picture.width, picture.height]).toEqual([4, 4]);
      const gray = picture.rgba.filter((_, j) => j % 4 === 0);
      expect(Uint8Array.from(gray)).toEqual(bytes.subarray(16 * i, 16 * (i + 1)));
    }
    const labels = Array.from(result.drawn.labels!);
    expect(readFileSync(join(out, 'labels.csv'), 'utf8')).toBe(
      `file,label\n${labels.map((label, i) => `00000${i}.png,${label}`).join('\n')}\n`);
    noTemporaryFiles(out);
  });

  it('refuses a folder that already holds files', async () => {
    const out = join(folder.path, 'digits');
    mkdirSync(out);
    writeFileSync(join(out, '000000.png'), 'old');
    const result = await sample(['--generator', generatorFile(), '--format', 'png-folder',
      '--count', '2', '--seed', '0', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`simdgan: --out ${out}: folder is not empty (1 entries); ` +
      'choose a new folder or an empty one\n');
    expect(readFileSync(join(out, '000000.png'), 'utf8')).toBe('old');
  });
});

describe('simdgan sample --format csv', () => {
  it('writes the points of a 2-D generator as x,y with full precision', async () => {
    const out = join(folder.path, 'ring.csv');
    const result = await sample(['--generator', generatorFile('points'),
      '--count', '50', '--seed', '9', '--out', out]);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: [out] });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('x,y');
    expect(lines).toHaveLength(51);
    const values = lines.slice(1).flatMap((line) => line.split(',').map(Number));
    expect(Float32Array.from(values)).toEqual(result.drawn.images);
    noTemporaryFiles(folder.path);
  });

  it('adds the label column for a conditional 2-D generator', async () => {
    const out = join(folder.path, 'ring.csv');
    const result = await sample(['--generator', generatorFile('points classes=8'),
      '--format', 'csv', '--count', '4', '--seed', '1', '--out', out]);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('x,y,label');
    expect(lines.slice(1).map((line) => Number(line.split(',')[2])))
      .toEqual(Array.from(result.drawn.labels!));
  });
});

describe('simdgan sample refuses formats that do not fit', () => {
  it('names the generator, what it makes and what to use, and writes nothing', async () => {
    const images = generatorFile();
    const points = generatorFile('points');
    const cases: [string, string, string][] = [
      [images, 'csv', `--format csv: ${images} makes 4x4x1 images, which csv cannot hold; ` +
        'use --format png, idx or png-folder'],
      [points, 'idx', `--format idx: ${points} makes 2-D points, which idx cannot hold; ` +
        'use --format csv'],
      [points, 'png', `--format png: ${points} makes 2-D points, which png cannot hold; ` +
        'use --format csv'],
    ];
    for (const [generator, format, message] of cases) {
      const out = join(folder.path, 'out', `x.${format}`);
      const result = await sample(['--generator', generator, '--format', format,
        '--count', '4', '--seed', '0', '--out', out]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`simdgan: ${message}\n`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('names the formats when --format is unknown', async () => {
    const result = await sample(['--generator', generatorFile(), '--format', 'jpeg',
      '--count', '1', '--seed', '0', '--out', join(folder.path, 'x.jpg')]);
    expect(result.stderr).toBe(
      "simdgan: --format: expected one of png, idx, png-folder, csv, got 'jpeg'\n");
  });
});
