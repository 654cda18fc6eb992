import { execFileSync } from 'node:child_process';
import {
  lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runCli } from '../program.js';
import { fakeGan, temporaryFolder, testContext } from '../test/fake-gan.js';

let folder: ReturnType<typeof temporaryFolder>;
let generator: string;
beforeEach(() => {
  folder = temporaryFolder();
  generator = join(folder.path, 'generator.sgan');
  writeFileSync(generator, 'FAKEGEN step=100 classes=3');
});
afterEach(() => folder.remove());

/** Runs `simdgan sample` with the fake library; the calls it made, too. */
async function sample(out: string, format: string, kind = '') {
  const { gan, calls } = fakeGan();
  const { context, stdout, stderr } = testContext(gan);
  const from = kind === '' ? generator : join(folder.path, 'points.sgan');
  if (kind !== '') writeFileSync(from, `FAKEGEN step=100 ${kind}`);
  const code = await runCli(['sample', '--generator', from, '--format', format,
    '--count', '2', '--out', out], context);
  return { code, stdout: stdout.lines(), stderr: stderr.text, samples: calls.samples };
}

describe('simdgan sample refuses an --out it must not replace', () => {
  it("refuses '-' (standard output to other commands) before making any sample", async () => {
    const result = await sample('-', 'png');
    expect(result).toMatchObject({ code: 2, samples: [] });
    expect(result.stderr).toBe('simdgan: --out -: sample writes files (and prints their ' +
      'paths), not to standard output; give a file name such as grid.png\n');
  });

  it('refuses the generator file itself, also through another path or a hard link', async () => {
    const other = join(folder.path, 'sub', '..', 'generator.sgan');
    mkdirSync(join(folder.path, 'sub'));
    const result = await sample(other, 'png');
    expect(result).toMatchObject({ code: 2, samples: [] });
    expect(result.stderr).toBe(`simdgan: --out ${other}: is the --generator file; ` +
      'writing it would replace the input; choose another path\n');
    const linked = join(folder.path, 'model.png');
    execFileSync('ln', [generator, linked]);
    expect((await sample(linked, 'png')).stderr).toMatch(/: is the --generator file;/);
    expect(readFileSync(generator, 'utf8')).toBe('FAKEGEN step=100 classes=3');
  });

  it('refuses the files of a run and model files, in every format', async () => {
    const run = join(folder.path, 'run');
    mkdirSync(run);
    const names = ['config.json', 'metrics.jsonl', 'warnings.jsonl', 'checkpoint.sgan',
      'generator.sgan', 'other.sgan'];
    for (const name of names) writeFileSync(join(run, name), 'kept');
    for (const [name, format] of [['config.json', 'png'], ['metrics.jsonl', 'idx'],
      ['warnings.jsonl', 'png'], ['checkpoint.sgan', 'idx'], ['generator.sgan', 'png'],
      ['other.sgan', 'png']]) {
      const out = join(run, name);
      const result = await sample(out, format);
      expect(result).toMatchObject({ code: 2, samples: [] });
      const what = name.endsWith('.sgan') ? 'a model file (.sgan)' : `a run's ${name}`;
      expect(result.stderr).toBe(`simdgan: --out ${out}: is ${what}, which writing ` +
        'would replace; choose another path\n');
    }
    const csv = await sample(join(run, 'config.json'), 'csv', 'points');
    expect(csv).toMatchObject({ code: 2, samples: [] });
    for (const name of names) expect(readFileSync(join(run, name), 'utf8')).toBe('kept');
  });

  it('refuses a folder, a FIFO and a symbolic link, saying which, and keeps them', async () => {
    const fifo = join(folder.path, 'pipe.png');
    execFileSync('mkfifo', [fifo]);
    const target = join(folder.path, 'target.png');
    writeFileSync(target, 'old image');
    const link = join(folder.path, 'link.png');
    symlinkSync(target, link);
    const dir = join(folder.path, 'dir.idx');
    mkdirSync(dir);
    const cases: [string, string, string][] = [
      [fifo, 'png', 'a FIFO (named pipe)'], [link, 'png', 'a symbolic link'],
      [fifo, 'csv', 'a FIFO (named pipe)'], [link, 'idx', 'a symbolic link'],
      [dir, 'idx', 'a folder'],
    ];
    for (const [out, format, what] of cases) {
      const result = await sample(out, format, format === 'csv' ? 'points' : '');
      expect(result).toMatchObject({ code: 2, samples: [] });
      expect(result.stderr).toBe(`simdgan: --out ${out}: is ${what}, not a regular file; ` +
        'choose the path of a new or regular file\n');
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('old image');
  });

  it('refuses an IDX labels file that is a FIFO before writing the images', async () => {
    const out = join(folder.path, 'digits.idx');
    execFileSync('mkfifo', [join(folder.path, 'digits-labels.idx')]);
    const result = await sample(out, 'idx');
    expect(result.stderr).toBe(`simdgan: --out ${join(folder.path, 'digits-labels.idx')}: ` +
      'is a FIFO (named pipe), not a regular file; choose the path of a new or regular file\n');
    expect(readdirSync(folder.path).sort()).toEqual(['digits-labels.idx', 'generator.sgan']);
  });

  it('refuses a png-folder --out that is a file, a FIFO or a link', async () => {
    const fifo = join(folder.path, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const link = join(folder.path, 'link');
    mkdirSync(join(folder.path, 'empty'));
    symlinkSync(join(folder.path, 'empty'), link);
    for (const [out, what] of [[generator, 'a file'], [fifo, 'a FIFO (named pipe)'],
      [link, 'a symbolic link']]) {
      const result = await sample(out, 'png-folder');
      expect(result).toMatchObject({ code: 2, samples: [] });
      expect(result.stderr).toBe(`simdgan: --out ${out}: is ${what}, not a folder\n`);
    }
  });

  it('still replaces an ordinary image, CSV or IDX file', async () => {
    for (const [name, format, kind] of [['grid.png', 'png', ''], ['d.idx', 'idx', ''],
      ['p.csv', 'csv', 'points']]) {
      const out = join(folder.path, name);
      writeFileSync(out, 'old');
      const result = await sample(out, format, kind);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(readFileSync(out, 'utf8')).not.toBe('old');
    }
  });
});
