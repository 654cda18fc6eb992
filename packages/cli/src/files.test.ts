import * as fs from 'node:fs';
import { dirname, join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ensureWritableFolder, prepareRunFolder, readInput, writeFileAtomic } from './files.js';
import { temporaryFolder } from './test/fake-gan.js';
import { cliError } from './test/cli-error.js';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => (folder = temporaryFolder()));
afterEach(() => folder.remove());


describe('writeFileAtomic', () => {
  it('writes new files and replaces old ones, leaving no temporary file', () => {
    const path = join(folder.path, 'a.json');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, Uint8Array.of(0x6e, 0x65, 0x77));
    expect(fs.readFileSync(path, 'utf8')).toBe('new');
    expect(fs.readdirSync(folder.path)).toEqual(['a.json']);
  });

  it('leaves the old file whole when a write fails halfway', () => {
    const path = join(folder.path, 'generator.sgan');
    fs.writeFileSync(path, 'old generator');
    const diskFull: typeof fs.writeSync = ((fd: number, data: Uint8Array) => {
      fs.writeSync(fd, data.subarray(0, 3));
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    }) as typeof fs.writeSync;
    const error = cliError(() =>
      writeFileAtomic(path, 'new generator, longer', { ...fs, writeSync: diskFull }),
    );
    expect(error.code).toBe('WRITE_FAILED');
    expect(error.message).toBe(
      `cannot write ${path}: no space left on the device (ENOSPC)`,
    );
    expect(fs.readFileSync(path, 'utf8')).toBe('old generator');
    expect(fs.readdirSync(folder.path)).toEqual(['generator.sgan']);
  });

  it('leaves the old file when the rename fails', () => {
    const path = join(folder.path, 'config.json');
    fs.writeFileSync(path, '{"old":true}');
    const renameSync = () => {
      throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
    };
    const error = cliError(() => writeFileAtomic(path, '{}', { ...fs, renameSync }));
    expect(error.message).toBe(`cannot write ${path}: operation not permitted (EPERM)`);
    expect(fs.readFileSync(path, 'utf8')).toBe('{"old":true}');
    expect(fs.readdirSync(folder.path)).toEqual(['config.json']);
  });

  it('names the file when its folder does not exist', () => {
    const path = join(folder.path, 'missing', 'grid.png');
    expect(cliError(() => writeFileAtomic(path, 'x')).message).toBe(
      `cannot write ${path}: no such file or folder (ENOENT)`,
    );
  });
});

describe('ensureWritableFolder and prepareRunFolder', () => {
  it('creates nested folders and the samples folder', () => {
    const out = join(folder.path, 'runs', 'one');
    prepareRunFolder('--out', out);
    expect(fs.statSync(join(out, 'samples')).isDirectory()).toBe(true);
    expect(fs.readdirSync(out)).toEqual(['samples']);
  });

  it('accepts an existing empty folder but refuses one holding a run', () => {
    prepareRunFolder('--out', folder.path);
    fs.writeFileSync(join(folder.path, 'config.json'), '{}');
    const error = cliError(() => prepareRunFolder('--out', folder.path));
    expect(error.code).toBe('OUT_HOLDS_RUN');
    expect(error.message).toBe(
      `--out ${folder.path}: already holds a run (config.json); ` +
        'choose a new folder or an empty one',
    );
  });

  it('accepts a folder left by a run that failed before its first sample', () => {
    prepareRunFolder('--out', folder.path);
    // Only the empty samples folder is there: the same --out works again.
    prepareRunFolder('--out', folder.path);
    fs.writeFileSync(join(folder.path, 'samples', 'step-000100.png'), 'png');
    expect(cliError(() => prepareRunFolder('--out', folder.path)).message).toMatch(
      /already holds a run \(samples\)/);
  });

  it('refuses a folder holding only the warnings or the charts of a run', () => {
    for (const name of ['warnings.jsonl', 'losses.svg', 'scores.svg', 'gradient-norms.svg',
      'metrics.svg']) {
      const out = join(folder.path, name.replace('.', '-'));
      fs.mkdirSync(out);
      fs.writeFileSync(join(out, name), 'old');
      const error = cliError(() => prepareRunFolder('--out', out));
      expect(error.code).toBe('OUT_HOLDS_RUN');
      expect(error.message).toBe(`--out ${out}: already holds a run (${name}); ` +
        'choose a new folder or an empty one');
    }
    const empty = join(folder.path, 'empty');
    fs.mkdirSync(empty);
    prepareRunFolder('--out', empty);
  });

  it('refuses a path under a regular file, with the reason', () => {
    const file = join(folder.path, 'notes.txt');
    fs.writeFileSync(file, 'hello');
    const error = cliError(() => ensureWritableFolder('--out', join(file, 'run')));
    expect(error.code).toBe('OUT_UNWRITABLE');
    expect(error.message).toBe(
      `--out ${join(file, 'run')}: cannot create the folder: ` +
        'a part of the path is a file, not a folder (ENOTDIR)',
    );
    expect(cliError(() => ensureWritableFolder('--out', file)).message).toBe(
      `--out ${file}: is a file, not a folder`,
    );
  });
});

describe('ensureWritableFolder under a folder that refuses children', () => {
  it('fails at once with the folder that cannot hold new folders', () => {
    // Like /proc: the folder exists, yet mkdir inside it says ENOENT. Node 20's
    // recursive mkdir goes back and forth on such a folder without end, so this
    // stand-in throws where the real one would hang.
    const procLike = join(folder.path, 'proc');
    fs.mkdirSync(procLike);
    const mkdirSync = ((path: string, options?: fs.MakeDirectoryOptions) => {
      if (options?.recursive) throw new Error('recursive mkdir would not return here');
      if (dirname(path) === procLike) {
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      }
      return fs.mkdirSync(path);
    }) as typeof fs.mkdirSync;
    const out = join(procLike, 'x', 'run');
    const error = cliError(() => ensureWritableFolder('--out', out, { ...fs, mkdirSync }));
    expect(error.code).toBe('OUT_UNWRITABLE');
    expect(error.message).toBe(
      `--out ${out}: cannot create the folder: ${procLike} cannot hold new folders (ENOENT)`);
  });

  // Quick with folders made one level at a time; with a recursive mkdir this
  // test would hang (see the test above, which fails instead).
  it.runIf(fs.existsSync('/proc/self'))('refuses an --out under /proc', () => {
    const out = `/proc/simdgan-${process.pid}/run`;
    expect(cliError(() => ensureWritableFolder('--out', out)).message).toBe(
      `--out ${out}: cannot create the folder: /proc cannot hold new folders (ENOENT)`);
  });
});

describe('readInput', () => {
  it('names the flag, the path and the reason', () => {
    const path = join(folder.path, 'nope.idx');
    const error = cliError(() => readInput('--data', path));
    expect(error.code).toBe('READ_FAILED');
    expect(error.message).toBe(`--data ${path}: cannot read: no such file or folder (ENOENT)`);
  });

  it('refuses a device or a folder instead of reading it without end', () => {
    expect(cliError(() => readInput('--data', '/dev/zero')).message)
      .toBe('--data /dev/zero: is not a regular file');
    expect(cliError(() => readInput('--generator', folder.path)).message)
      .toBe(`--generator ${folder.path}: is not a regular file but a folder`);
  });
});
