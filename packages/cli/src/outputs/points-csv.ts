import type { LabelledSamples } from './idx-samples.js';

/**
 * 2-D points `[count, 1, 1, 2]` as CSV: a header `x,y` (`x,y,label` with
 * labels), then one line per point. Each float32 value is written as the
 * shortest decimal that reads back as the same float64, so parsing it and
 * rounding to float32 gives the exact value back; NaN and infinities are
 * written as NaN, Infinity and -Infinity.
 */
export function pointsCsv(samples: LabelledSamples): string {
  const [count] = samples.shape;
  const { images, labels } = samples;
  const lines = [labels === undefined ? 'x,y' : 'x,y,label'];
  for (let i = 0; i < count; i++) {
    const point = `${images[2 * i]},${images[2 * i + 1]}`;
    lines.push(labels === undefined ? point : `${point},${labels[i]}`);
  }
  return `${lines.join('\n')}\n`;
}
