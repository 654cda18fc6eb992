import { basename, dirname, extname, join } from 'node:path';

import type { GanApi } from '../context.js';
import { CliError } from '../errors.js';
import { toPixelBytes } from './pixel-bytes.js';

/** Generated images, and class labels for conditional generators. */
export interface LabelledSamples {
  images: Float32Array;
  shape: readonly number[];
  labels?: Int32Array;
}

/** A file to write: its path and bytes. */
export interface OutputFile {
  path: string;
  bytes: Uint8Array | string;
}

/** `runs/x.idx` -> `runs/x-labels.idx`; `digits-ubyte` -> `digits-ubyte-labels.idx`. */
export function labelsPathFor(out: string): string {
  const extension = extname(out);
  const stem = basename(out, extension === '.idx' ? extension : '');
  return join(dirname(out), `${stem}-labels.idx`);
}

/**
 * The IDX files of a batch of images: `out` holds the pixels as unsigned
 * bytes (see toPixelBytes), `[count, height, width]` for one channel (the
 * MNIST layout) or `[count, height, width, channels]`; a conditional
 * generator's labels go to {@link labelsPathFor}(out) as `[count]`. Labels
 * above 255 do not fit IDX bytes and are refused ('FORMAT_MISMATCH').
 */
export function idxSampleFiles(
  encodeIdx: GanApi['encodeIdx'],
  samples: LabelledSamples,
  out: string,
): OutputFile[] {
  const [count, height, width, channels] = samples.shape;
  const dims = channels === 1 ? [count, height, width] : [count, height, width, channels];
  const files = [{ path: out, bytes: encodeIdx(dims, toPixelBytes(samples.images)) }];
  const { labels } = samples;
  if (labels === undefined) return files;

  const largest = labels.reduce((most, label) => Math.max(most, label), 0);
  if (largest > 255) {
    throw new CliError(
      'FORMAT_MISMATCH',
      `--format idx: labels up to ${largest} do not fit IDX unsigned bytes (0 to 255); ` +
        'use --format png-folder, which writes labels.csv',
    );
  }
  files.push({ path: labelsPathFor(out), bytes: encodeIdx([count], Uint8Array.from(labels)) });
  return files;
}
