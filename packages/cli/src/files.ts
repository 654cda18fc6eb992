import * as nodeFs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import { CliError, reasonOf } from './errors.js';

/** The file system calls that writeFileAtomic makes; tests replace some. */
export type AtomicFs = Pick<
  typeof nodeFs,
  'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'rmSync'
>;

let tempCounter = 0;

/**
 * Writes `data` to `path` so that readers see the old file or the whole new
 * one, never a part: the bytes go to a temporary file in the same folder,
 * are flushed to disk, and the temporary file is renamed over `path`. On any
 * failure the temporary file is removed, `path` is left as it was, and a
 * CliError ('WRITE_FAILED') names `path` and the reason.
 */
export function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  fs: AtomicFs = nodeFs,
): void {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${tempCounter++}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx');
    for (let offset = 0; offset < bytes.length; ) {
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already failing: the first error is the one to report.
      }
    }
    fs.rmSync(temp, { force: true });
    throw new CliError('WRITE_FAILED', `cannot write ${path}: ${reasonOf(error)}`);
  }
}

/**
 * Appends one line to a file with a single write, so a reader never sees
 * half a line unless the disk fills. Used for metrics.jsonl, which grows a
 * line per step event: rewriting it whole each time would cost O(steps^2).
 */
export function appendLine(path: string, line: string): void {
  try {
    nodeFs.appendFileSync(path, `${line}\n`);
  } catch (error) {
    throw new CliError('WRITE_FAILED', `cannot write ${path}: ${reasonOf(error)}`);
  }
}

/**
 * Reads a whole file, or throws a CliError ('READ_FAILED') naming `flag`, the
 * path and the reason.
 */
export function readInput(flag: string, path: string): Uint8Array {
  let stats: nodeFs.Stats;
  try {
    stats = nodeFs.statSync(path);
  } catch (error) {
    throw new CliError('READ_FAILED', `${flag} ${path}: cannot read: ${reasonOf(error)}`);
  }
  // A device or pipe (/dev/zero, say) would be read without end.
  if (!stats.isFile()) {
    throw new CliError('READ_FAILED', `${flag} ${path}: is not a regular file` +
      (stats.isDirectory() ? ' but a folder' : ''));
  }
  if (stats.size > MAX_INPUT_BYTES) {
    throw new CliError('READ_FAILED', `${flag} ${path}: is ${stats.size} bytes, more than ` +
      `the ${MAX_INPUT_BYTES} bytes simdgan reads from one file`);
  }
  try {
    return nodeFs.readFileSync(path);
  } catch (error) {
    throw new CliError('READ_FAILED', `${flag} ${path}: cannot read: ${reasonOf(error)}`);
  }
}

/** The largest file read whole: 2 GiB, Node's limit for one buffer. */
export const MAX_INPUT_BYTES = 2 ** 31 - 1;

/** Whether `path` exists and is not a folder; false when it cannot be looked at. */
function isFile(path: string): boolean {
  try {
    return !nodeFs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** What an entry that is not a regular file is, for messages: "a folder", "a FIFO", ... */
function entryKind(stats: nodeFs.Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Whether `name` is that of a file a training run writes (RUN_FILES) or a
 * model file (`.sgan`).
 */
export function isRunFileName(name: string): boolean {
  return RUN_FILES.includes(name) || name.endsWith('.sgan');
}

/**
 * Refuses ('OUT_REFUSED') an output file `path` that must not be replaced:
 * the same file as one of `inputs` (an input named by its flag, such as
 * --generator), an entry that is not a regular file (a folder, FIFO, device,
 * socket or symbolic link, which the atomic rename would replace by a
 * file), or an existing file of a training run or model (see
 * isRunFileName). A missing `path`, or an existing image, CSV or IDX file,
 * passes.
 */
export function checkReplaceable(
  flag: string,
  path: string,
  inputs: Record<string, string> = {},
): void {
  let stats: nodeFs.Stats;
  try {
    stats = nodeFs.lstatSync(path);
  } catch {
    // Missing, or unreachable: writing it reports the reason.
    return;
  }
  const target = statOrUndefined(path);
  for (const [inputFlag, input] of Object.entries(inputs)) {
    const other = statOrUndefined(input);
    if (target && other && target.dev === other.dev && target.ino === other.ino) {
      throw new CliError('OUT_REFUSED', `${flag} ${path}: is the ${inputFlag} file; ` +
        'writing it would replace the input; choose another path');
    }
  }
  if (!stats.isFile()) {
    throw new CliError('OUT_REFUSED', `${flag} ${path}: is ${entryKind(stats)}, not a ` +
      'regular file; choose the path of a new or regular file');
  }
  const name = basename(path);
  if (isRunFileName(name)) {
    const what = name.endsWith('.sgan') ? 'a model file (.sgan)' : `a run's ${name}`;
    throw new CliError('OUT_REFUSED', `${flag} ${path}: is ${what}, which writing ` +
      'would replace; choose another path');
  }
}

/**
 * Refuses ('OUT_REFUSED') an output folder `path` that exists but is not a
 * folder (a file, FIFO, device, socket or symbolic link), naming what it is.
 */
export function checkFolderOut(flag: string, path: string): void {
  let stats: nodeFs.Stats;
  try {
    stats = nodeFs.lstatSync(path);
  } catch {
    return;
  }
  if (!stats.isDirectory()) {
    const what = stats.isFile() ? 'a file' : entryKind(stats);
    throw new CliError('OUT_REFUSED', `${flag} ${path}: is ${what}, not a folder`);
  }
}

function statOrUndefined(path: string): nodeFs.Stats | undefined {
  try {
    return nodeFs.statSync(path);
  } catch {
    return undefined;
  }
}

/** The file system calls that ensureWritableFolder makes; tests replace some. */
export type FolderFs = Pick<
  typeof nodeFs,
  'statSync' | 'mkdirSync' | 'writeFileSync' | 'rmSync'
>;

/**
 * Creates the missing folders of `folder`, one level at a time from its
 * nearest existing ancestor. Node 20's `mkdirSync(path, { recursive: true })`
 * never returns for a path such as /proc/x: mkdir of the child fails with
 * ENOENT although its parent exists, and Node goes back to the parent
 * (EEXIST) and forward again without end. Throws the reason as an Error
 * whose message is the reason alone.
 */
function createFolders(folder: string, fs: FolderFs): void {
  const missing: string[] = [];
  let path = resolve(folder);
  for (;;) {
    let stats: nodeFs.Stats | undefined;
    try {
      stats = fs.statSync(path);
    } catch (error) {
      // ENOTDIR (a file on the way), EACCES, ...: no level can be made.
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    }
    if (stats?.isDirectory()) break;
    if (stats) throw new Error(`${path} is a file, not a folder`);
    missing.unshift(path);
    if (dirname(path) === path) break;
    path = dirname(path);
  }

  for (const level of missing) {
    try {
      fs.mkdirSync(level);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'EEXIST' && isFolder(level, fs)) continue;
      if (code === 'EEXIST') {
        throw new Error(`${level} is in the way: it exists but is not a folder (EEXIST)`);
      }
      // The parent is a folder, yet refuses children: /proc, /sys and the like.
      if (code === 'ENOENT' && isFolder(dirname(level), fs)) {
        throw new Error(`${dirname(level)} cannot hold new folders (ENOENT)`);
      }
      throw error;
    }
  }
}

function isFolder(path: string, fs: FolderFs): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Creates `folder` (and its parents) if needed and proves it writable by
 * writing and removing a small file. Throws a CliError ('OUT_UNWRITABLE')
 * naming `flag`, the folder and the reason.
 */
export function ensureWritableFolder(
  flag: string,
  folder: string,
  fs: FolderFs = nodeFs,
): void {
  const fail = (what: string, error: unknown): never => {
    throw new CliError(
      'OUT_UNWRITABLE',
      `${flag} ${folder}: cannot ${what}: ${reasonOf(error)}`,
    );
  };
  if (isFile(folder)) {
    throw new CliError('OUT_UNWRITABLE', `${flag} ${folder}: is a file, not a folder`);
  }
  try {
    createFolders(folder, fs);
  } catch (error) {
    fail('create the folder', error);
  }
  const probe = join(folder, `.simdgan-probe-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    fail('write in the folder', error);
  }
}

/**
 * Files whose presence means a folder already holds a training run: a new
 * run there would append to its warnings.jsonl and overwrite its charts (the
 * PLOT_FILES of plots/run-plots.ts). An empty `samples` folder does not
 * count: a run that failed before its first step (bad data, say) leaves one,
 * and the same --out must work on the next try.
 */
export const RUN_FILES = [
  'config.json', 'metrics.jsonl', 'warnings.jsonl', 'generator.sgan', 'checkpoint.sgan',
  'samples', 'losses.svg', 'scores.svg', 'gradient-norms.svg', 'metrics.svg',
];

/**
 * Prepares the folder of a new run: refuses one that already holds a run
 * ('OUT_HOLDS_RUN'), then creates it and its `samples` folder and checks that
 * both are writable.
 */
export function prepareRunFolder(flag: string, folder: string): void {
  const existing = RUN_FILES.filter((name) => {
    const path = join(folder, name);
    if (!nodeFs.existsSync(path)) return false;
    return name !== 'samples' || !isEmptyFolder(path);
  });
  if (existing.length > 0) {
    throw new CliError(
      'OUT_HOLDS_RUN',
      `${flag} ${folder}: already holds a run (${existing.join(', ')}); ` +
        'choose a new folder or an empty one',
    );
  }
  ensureWritableFolder(flag, folder);
  ensureWritableFolder(flag, join(folder, 'samples'));
}

function isEmptyFolder(path: string): boolean {
  try {
    return nodeFs.statSync(path).isDirectory() && nodeFs.readdirSync(path).length === 0;
  } catch {
    return false;
  }
}
