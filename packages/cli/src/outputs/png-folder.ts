import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { GanApi } from '../context.js';
import { CliError, reasonOf } from '../errors.js';
import { encodePng } from '../png.js';
import type { LabelledSamples, OutputFile } from './idx-samples.js';

/** `000042.png`: the file of sample 42 in a png folder. */
export function sampleImageName(index: number): string {
  return `${String(index).padStart(6, '0')}.png`;
}

/**
 * Refuses an --out folder that already holds files ('OUT_NOT_EMPTY'):
 * numbered images of an earlier, larger batch would otherwise mix with
 * this one's. A missing folder is fine.
 */
export function checkFolderEmpty(folder: string): void {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return;
    throw new CliError('OUT_UNWRITABLE', `--out ${folder}: cannot read: ${reasonOf(error)}`);
  }
  if (entries.length > 0) {
    throw new CliError(
      'OUT_NOT_EMPTY',
      `--out ${folder}: folder is not empty (${entries.length} entries); ` +
        'choose a new folder or an empty one',
    );
  }
}

/**
 * One PNG per image, `<folder>/000000.png` on (gray for one channel, RGB for
 * three, pixels as in toPixelBytes), and for a conditional generator
 * `labels.csv` with the header `file,label` and a line per image.
 */
export function pngFolderFiles(
  imageGrid: GanApi['imageGrid'],
  samples: LabelledSamples,
  folder: string,
): OutputFile[] {
  const [count, height, width, channels] = samples.shape;
  const size = height * width * channels;
  const files: OutputFile[] = [];
  for (let i = 0; i < count; i++) {
    const image = samples.images.subarray(i * size, (i + 1) * size);
    const picture = imageGrid(image, [1, height, width, channels], { columns: 1, padding: 0 });
    files.push({
      path: join(folder, sampleImageName(i)),
      bytes: encodePng(picture, { gray: channels === 1 }),
    });
  }
  if (samples.labels !== undefined) {
    const lines = ['file,label', ...Array.from(samples.labels,
      (label, i) => `${sampleImageName(i)},${label}`)];
    files.push({ path: join(folder, 'labels.csv'), bytes: `${lines.join('\n')}\n` });
  }
  return files;
}
