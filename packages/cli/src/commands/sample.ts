import { dirname } from 'node:path';

import type { CliContext } from '../context.js';
import { CliError } from '../errors.js';
import {
  checkFolderOut,
  checkReplaceable,
  ensureWritableFolder,
  readInput,
  writeFileAtomic,
} from '../files.js';
import {
  BUILDS,
  MAX_SEED,
  parseChoice,
  parsePath,
  parseThreads,
  parseWholeNumber,
  requireOption,
  type BuildName,
} from '../options.js';
import { idxSampleFiles, type OutputFile } from '../outputs/idx-samples.js';
import { checkFolderEmpty, pngFolderFiles } from '../outputs/png-folder.js';
import { pointsCsv } from '../outputs/points-csv.js';
import {
  checkFormatFits,
  formatFromPath,
  SAMPLE_FORMATS,
  type SampleFormat,
} from '../outputs/sample-kind.js';
import { encodePng } from '../png.js';

/** The flags of `simdgan sample` as commander hands them over: strings. */
export interface RawSampleOptions {
  generator?: string;
  count?: string;
  seed?: string;
  out?: string;
  format?: string;
  build?: string;
  threads?: string;
}

/** The checked flags of `simdgan sample`. */
export interface SampleOptions {
  generator: string;
  count: number;
  seed: number;
  out: string;
  format: SampleFormat;
  build: BuildName;
  threads?: number;
}

/** Most images in one grid: 10,000 28x28 digits already make a 3,000-pixel square. */
export const MAX_SAMPLE_COUNT = 10_000;

/**
 * Most samples written one by one (idx, png-folder, csv): enough to stand
 * beside MNIST's 60,000 training digits; 100,000 28x28 float32 images
 * take 314 MB while they are generated.
 */
export const MAX_EXPORT_COUNT = 100_000;

/**
 * Checks the flags of `simdgan sample`, throwing a CliError ('BAD_OPTION')
 * that names the first bad flag. Without --format, the --out name decides
 * (see formatFromPath).
 */
export function parseSampleOptions(raw: RawSampleOptions): SampleOptions {
  const generator = parsePath('--generator', requireOption('--generator <file>', raw.generator));
  const out = parsePath('--out', requireOption('--out <path>', raw.out));
  if (out === '-') {
    // A lone dash means standard output to most commands; here it would be a file named '-'.
    throw new CliError('BAD_OPTION', "--out -: sample writes files (and prints their paths), " +
      'not to standard output; give a file name such as grid.png');
  }
  const format = raw.format === undefined
    ? formatFromPath(out)
    : parseChoice('--format', raw.format, SAMPLE_FORMATS);
  const maxCount = format === 'png' ? MAX_SAMPLE_COUNT : MAX_EXPORT_COUNT;
  return {
    generator,
    count: parseWholeNumber('--count', raw.count ?? '64', 1, maxCount),
    seed: parseWholeNumber('--seed', raw.seed ?? '0', 0, MAX_SEED),
    out,
    format,
    build: parseChoice('--build', raw.build ?? 'auto', BUILDS),
    threads: parseThreads(raw.threads),
  };
}

/**
 * Runs `simdgan sample`: draws `count` samples from the generator file with
 * latents (and, for conditional generators, labels) from `seed`, and writes
 * them as `format`: a PNG grid, IDX files, a folder of PNGs, or CSV points.
 * A format that does not fit what the generator makes is refused before
 * anything is written, and so is an --out that must not be replaced (the
 * generator file, a run's files, a FIFO, device or link: see
 * checkReplaceable). Every file is written atomically; the same file,
 * count and seed give the same bytes. Prints the paths written and returns
 * the exit code.
 */
export async function runSample(options: SampleOptions, context: CliContext): Promise<number> {
  const bytes = readInput('--generator', options.generator);
  const inputs = { '--generator': options.generator };
  if (options.format === 'png-folder') {
    checkFolderOut('--out', options.out);
    checkFolderEmpty(options.out);
  } else {
    checkReplaceable('--out', options.out, inputs);
  }
  // The png-folder itself is made only once the samples exist, so that a
  // refused format leaves nothing behind.
  ensureWritableFolder('--out', dirname(options.out));

  const gan = await context.loadGan();
  const backend = await gan.createBackend({
    build: options.build,
    threads: options.threads,
    onWarning: (message) => context.stderr.write(`simdgan: warning: ${message}\n`),
  });
  let files: OutputFile[];
  try {
    const generator = gan.loadGenerator(backend, bytes, options.generator);
    try {
      checkFormatFits(options.format, generator.outputShape, options.generator);
      const samples = generator.sample(options.count, options.seed);
      files = outputFiles(options, samples, gan);
    } finally {
      generator.dispose();
    }
  } finally {
    backend.dispose();
  }
  if (options.format === 'png-folder') ensureWritableFolder('--out', options.out);
  // The files beside --out (an IDX labels file) are known only now.
  for (const file of files) checkReplaceable('--out', file.path, inputs);
  for (const file of files) writeFileAtomic(file.path, file.bytes);
  const shown = options.format === 'png-folder' ? [options.out] : files.map((f) => f.path);
  for (const path of shown) context.stdout.write(`${path}\n`);
  return 0;
}

type Samples = Parameters<typeof idxSampleFiles>[1];
type Gan = Awaited<ReturnType<CliContext['loadGan']>>;

function outputFiles(options: SampleOptions, samples: Samples, gan: Gan): OutputFile[] {
  switch (options.format) {
    case 'png': {
      const shape = samples.shape as [number, number, number, number];
      return [{ path: options.out, bytes: encodePng(gan.imageGrid(samples.images, shape)) }];
    }
    case 'idx':
      return idxSampleFiles(gan.encodeIdx, samples, options.out);
    case 'png-folder':
      return pngFolderFiles(gan.imageGrid, samples, options.out);
    case 'csv':
      return [{ path: options.out, bytes: pointsCsv(samples) }];
    default:
      throw new CliError('BAD_OPTION', `--format: unknown format ${String(options.format)}`);
  }
}
