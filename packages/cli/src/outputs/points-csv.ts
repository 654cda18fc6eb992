import type { LabelledSamples } from './idx-samples.js';

/**
 * 2-D points `[count, 1, 1, 2]` as CSV: a header `x,y` (`x,y,label` with
 * labels), then one line per point. Each float32 value is written as the
 * shortest decimal that rounds back to the same float32 (0.69001925, not
 * 0.6900192499160767), so parsing it and rounding to float32 gives the exact
 * value back; NaN and infinities are written as NaN, Infinity and -Infinity.
 */
export function pointsCsv(samples: LabelledSamples): string {
  const [count] = samples.shape;
  const { images, labels } = samples;
  const lines = [labels === undefined ? 'x,y' : 'x,y,label'];
  for (let i = 0; i < count; i++) {
    const point = `${shortestFloat32(images[2 * i])},${shortestFloat32(images[2 * i + 1])}`;
    lines.push(labels === undefined ? point : `${point},${labels[i]}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The shortest decimal (at most 9 significant digits) that rounds to `value` as float32. */
export function shortestFloat32(value: number): string {
  if (!Number.isFinite(value) || value === 0) return String(value);
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}
