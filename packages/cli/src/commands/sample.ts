import { dirname } from 'node:path';

import type { CliContext } from '../context.js';
import { ensureWritableFolder, readInput, writeFileAtomic } from '../files.js';
import {
  BUILDS,
  MAX_SEED,
  parseChoice,
  parsePath,
  parseThreads,
  parseWholeNumber,
  type BuildName,
} from '../options.js';
import { encodePng } from '../png.js';

/** The flags of `simdgan sample` as commander hands them over: strings. */
export interface RawSampleOptions {
  generator?: string;
  count?: string;
  seed?: string;
  out?: string;
  build?: string;
  threads?: string;
}

/** The checked flags of `simdgan sample`. */
export interface SampleOptions {
  generator: string;
  count: number;
  seed: number;
  out: string;
  build: BuildName;
  threads?: number;
}

/** Most images in one grid: 10,000 28x28 digits already make a 3,000-pixel square. */
export const MAX_SAMPLE_COUNT = 10_000;

/**
 * Checks the flags of `simdgan sample`, throwing a CliError ('BAD_OPTION')
 * that names the first bad flag.
 */
export function parseSampleOptions(raw: RawSampleOptions): SampleOptions {
  return {
    generator: parsePath('--generator', raw.generator ?? ''),
    count: parseWholeNumber('--count', raw.count ?? '64', 1, MAX_SAMPLE_COUNT),
    seed: parseWholeNumber('--seed', raw.seed ?? '0', 0, MAX_SEED),
    out: parsePath('--out', raw.out ?? ''),
    build: parseChoice('--build', raw.build ?? 'auto', BUILDS),
    threads: parseThreads(raw.threads),
  };
}

/**
 * Runs `simdgan sample`: draws `count` images from the generator file with
 * latents from `seed`, lays them out in a grid and writes it as a PNG. The
 * same file, count and seed give the same bytes. Returns the exit code.
 */
export async function runSample(options: SampleOptions, context: CliContext): Promise<number> {
  const bytes = readInput('--generator', options.generator);
  ensureWritableFolder('--out', dirname(options.out));

  const gan = await context.loadGan();
  const backend = await gan.createBackend({
    build: options.build,
    threads: options.threads,
    onWarning: (message) => context.stderr.write(`simdgan: warning: ${message}\n`),
  });
  try {
    const generator = gan.loadGenerator(backend, bytes, options.generator);
    try {
      const { images, shape } = generator.sample(options.count, options.seed);
      writeFileAtomic(options.out, encodePng(gan.imageGrid(images, shape)));
    } finally {
      generator.dispose();
    }
  } finally {
    backend.dispose();
  }
  context.stdout.write(`${options.out}\n`);
  return 0;
}
