import { CliError } from '../errors.js';

/** The output formats of `simdgan sample`. */
export const SAMPLE_FORMATS = ['png', 'idx', 'png-folder', 'csv'] as const;
/** One of {@link SAMPLE_FORMATS}. */
export type SampleFormat = (typeof SAMPLE_FORMATS)[number];

/** What a generator makes: 2-D points ([1, 1, 2] each) or images. */
export type SampleKind = 'points' | 'images';

/** Points when the sample shape is [1, 1, 2] (the 2-D data sets' layout). */
export function sampleKind(outputShape: readonly number[]): SampleKind {
  const [height, width, channels] = outputShape;
  return outputShape.length === 3 && height === 1 && width === 1 && channels === 2
    ? 'points'
    : 'images';
}

/** "2-D points" or "28x28x1 images", for messages. */
export function describeKind(outputShape: readonly number[]): string {
  return sampleKind(outputShape) === 'points'
    ? '2-D points'
    : `${outputShape.join('x')} images`;
}

/** The formats that fit what a generator makes. */
export function formatsFor(kind: SampleKind): SampleFormat[] {
  return kind === 'points' ? ['csv'] : ['png', 'idx', 'png-folder'];
}

/**
 * Refuses a format that does not fit the generator's samples, in one line
 * that names the generator, what it makes and the formats that fit
 * (CliError 'FORMAT_MISMATCH').
 */
export function checkFormatFits(
  format: SampleFormat,
  outputShape: readonly number[],
  source: string,
): void {
  const fitting = formatsFor(sampleKind(outputShape));
  if (fitting.includes(format)) return;
  const last = fitting[fitting.length - 1];
  const use = `--format ${[fitting.slice(0, -1).join(', '), last].filter(Boolean).join(' or ')}`;
  throw new CliError(
    'FORMAT_MISMATCH',
    `--format ${format}: ${source} makes ${describeKind(outputShape)}, ` +
      `which ${format} cannot hold; use ${use}`,
  );
}

/**
 * The format implied by an --out path when --format is not given: `.csv`
 * is csv, `.idx` (or an MNIST-style name ending in `-ubyte`) is idx, and
 * anything else is a png grid.
 */
export function formatFromPath(path: string): SampleFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.idx') || lower.endsWith('-ubyte')) return 'idx';
  return 'png';
}
