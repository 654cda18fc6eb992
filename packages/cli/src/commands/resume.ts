import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { TrainConfig } from '@simdgan/gan';

import { CliError, reasonOf } from '../errors.js';
import { readInput, writeFileAtomic } from '../files.js';
import { BUILDS, type BuildName } from '../options.js';
import { checkModelFlags, CONFIG_FLAGS } from './train-flags.js';

/** The checkpoint file of a run folder. */
export const CHECKPOINT_FILE = 'checkpoint.sgan';

/** What `--resume DIR` continues from. */
export interface ResumeSource {
  folder: string;
  /** The path of the checkpoint, for the library's messages. */
  checkpointPath: string;
  bytes: Uint8Array;
  /** The run's config.json: its configuration and data source. */
  record: Record<string, unknown> & {
    data?: { source?: string; labels?: string | null };
  };
}

/**
 * Reads the run folder of `--resume`: its checkpoint.sgan and config.json.
 * Refuses ('RESUME_NOT_A_RUN') a missing folder, a file, a folder without
 * them or whose config.json is not a JSON object, ('BAD_OPTION') a flag
 * of the other model, and ('RESUME_MISMATCH') any configuration flag that
 * differs from the run's: a resumed run keeps its configuration, and only
 * --steps may change.
 */
export function readResume(folder: string, given: Partial<TrainConfig>): ResumeSource {
  const checkpointPath = join(folder, CHECKPOINT_FILE);
  const configPath = join(folder, 'config.json');
  checkRunFolder(folder);
  for (const path of [checkpointPath, configPath]) {
    if (!existsSync(path)) {
      throw new CliError('RESUME_NOT_A_RUN', `--resume ${folder}: holds no ` +
        `${path.slice(folder.length + 1)}; give the folder of a run that wrote a ` +
        `${CHECKPOINT_FILE}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (error) {
    throw new CliError('RESUME_NOT_A_RUN',
      `--resume ${configPath}: cannot be read as JSON: ${reasonOf(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const held = parsed === null ? 'null'
      : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    throw new CliError('RESUME_NOT_A_RUN', `--resume ${configPath}: is not a JSON object ` +
      `but ${held}; give the folder of a run that simdgan train wrote`);
  }
  const record = parsed as ResumeSource['record'];
  checkModelFlags(given, String(record.model ?? 'dcgan'), ` (the model of the run in ${folder})`);
  for (const [key, value] of Object.entries(given)) {
    if (key === 'steps') continue;
    const saved = record[key];
    if (saved !== value) {
      const flag = CONFIG_FLAGS[key as keyof TrainConfig] ?? key;
      throw new CliError('RESUME_MISMATCH', `--resume ${folder}: ${flag} ` +
        `${String(value)} differs from the run's ${String(saved)}; a resumed run ` +
        'keeps its configuration (only --steps may change)');
    }
  }
  return {
    folder, checkpointPath, record,
    bytes: readInput('--resume', checkpointPath),
  };
}

/**
 * Refuses ('RESUME_NOT_A_RUN') a `--resume` folder that does not exist or
 * is not a folder.
 */
function checkRunFolder(folder: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    throw new CliError('RESUME_NOT_A_RUN', `--resume ${folder}: ` +
      (missing ? 'does not exist' : `cannot be read: ${reasonOf(error)}`) +
      `; give the folder of a run that wrote a ${CHECKPOINT_FILE}`);
  }
  if (!isFolder) {
    throw new CliError('RESUME_NOT_A_RUN', `--resume ${folder}: is a file, not a folder; ` +
      `give the folder of a run that wrote a ${CHECKPOINT_FILE}`);
  }
}

/**
 * The build a resumed run continues on: the one its config.json records
 * (`backend`, as wasm-relaxed, or else a `build` other than auto). The
 * builds round differently (relaxed SIMD fuses multiply-adds, and each
 * orders its sums its own way), so `requested` 'auto' takes the recorded
 * build and another one is refused ('RESUME_MISMATCH'); a run that records
 * none keeps `requested`.
 */
export function resumeBuild(resume: ResumeSource, requested: BuildName): BuildName {
  const { backend, build } = resume.record;
  const fromBackend = typeof backend === 'string' ? /^wasm-(\w+)$/.exec(backend)?.[1] : undefined;
  const recorded = [fromBackend, build].find((name): name is BuildName =>
    name !== 'auto' && (BUILDS as readonly unknown[]).includes(name));
  if (recorded === undefined || requested === recorded) return recorded ?? requested;
  if (requested === 'auto') return recorded;
  throw new CliError('RESUME_MISMATCH', `--resume ${resume.folder}: --build ${requested} ` +
    `differs from the run's ${recorded} build; builds round differently, so the resumed ` +
    `run would not be the one an unbroken run makes (give --build ${recorded}, or no --build)`);
}

/**
 * Drops the lines of metrics.jsonl after `step` (written after the checkpoint
 * by a run that then died) and lines that are not a JSON record with a step
 * (a half-written last line), so the resumed run does not log those steps
 * twice. Rewrites the file atomically, and only if needed; returns what it
 * dropped, for the caller to say.
 */
export function trimMetrics(path: string, step: number): { later: number; damaged: number } {
  const dropped = { later: 0, damaged: 0 };
  if (!existsSync(path)) return dropped;
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
  const kept = lines.filter((line) => {
    let record: { step?: unknown };
    try {
      record = JSON.parse(line) as { step?: unknown };
    } catch {
      // A half-written last line of a killed run, or a damaged one.
      dropped.damaged++;
      return false;
    }
    if (typeof record?.step !== 'number') {
      dropped.damaged++;
      return false;
    }
    if (record.step > step) dropped.later++;
    return record.step <= step;
  });
  if (kept.length < lines.length) writeFileAtomic(path, kept.map((line) => `${line}\n`).join(''));
  return dropped;
}

/**
 * `message` (the library's line on a run stopped by a NaN or an infinity) with what is left to
 * resume from: the last checkpoint, or none before the first sample event (step `sampleEvery`)
 * of a new run has written `checkpointPath`.
 */
export function checkpointNote(
  message: string,
  checkpointPath: string,
  sampleEvery: number,
): string {
  if (existsSync(checkpointPath)) return `${message} (the last checkpoint is kept)`;
  return `${message} (no checkpoint was written: the first is saved with the samples of ` +
    `step ${sampleEvery})`;
}
