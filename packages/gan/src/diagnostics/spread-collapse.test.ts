import { describe, expect, it } from 'vitest';

import { Random } from '../random.js';
import { SpreadCollapseDetector } from './spread-collapse.js';
import type { MonitoredSamples } from './warning.js';

/** 64 points around 8 ring modes of radius 1, or all around `onlyMode`. */
function ringBatch(step: number, random: Random, onlyMode?: number): MonitoredSamples {
  const images = new Float32Array(64 * 2);
  for (let i = 0; i < 64; i++) {
    const angle = (2 * Math.PI * (onlyMode ?? i % 8)) / 8;
    images[2 * i] = Math.cos(angle) + 0.02 * random.normal();
    images[2 * i + 1] = Math.sin(angle) + 0.02 * random.normal();
  }
  return { step, images, shape: [64, 1, 1, 2] };
}

describe('SpreadCollapseDetector', () => {
  it('warns when the fixed batch collapses onto one mode of the ring', () => {
    const random = new Random(1);
    const detector = new SpreadCollapseDetector();
    const events = [
      ringBatch(100, random), ringBatch(200, random), ringBatch(300, random, 3),
      ringBatch(400, random, 3),
    ];
    const warnings = events.map((event) => detector.observe(event));
    expect(warnings[0]).toBeUndefined();
    expect(warnings[1]).toBeUndefined();
    expect(warnings[3]).toBeUndefined();
    const warning = warnings[2]!;
    expect(warning.step).toBe(300);
    expect(warning.name).toBe('mode-collapse');
    // Ring points spread sqrt(1/2) per coordinate; one mode keeps only 0.02.
    expect(warning.figures.peakSpread).toBeCloseTo(Math.SQRT1_2, 1);
    expect(warning.figures.spread).toBeCloseTo(0.02, 2);
    expect(warning.figures.sampleCount).toBe(64);
    expect(warning.message).toMatch(new RegExp(
      '^the samples of the fixed latent batch lost their variety: their spread fell to ' +
      '0\\.0\\d+, \\d\\.\\d% of its peak 0\\.7\\d+ at step (100|200) \\(below 25%\\)'));
  });

  it('stays silent while the spread grows or dips a little, and re-arms on recovery', () => {
    const random = new Random(2);
    const detector = new SpreadCollapseDetector();
    const healthy = [0.1, 0.3, 0.6, 0.45, 0.5, 0.4].map((scale, i) => {
      const images = random.normalArray(16 * 4 * 4, 0, scale);
      return detector.observe({ step: 100 * (i + 1), images, shape: [16, 4, 4, 1] });
    });
    expect(healthy.every((warning) => warning === undefined)).toBe(true);
    const steps = [0.05, 0.05, 0.5, 0.05].map((scale, i) => {
      const images = random.normalArray(16 * 4 * 4, 0, scale);
      return detector.observe({ step: 1000 + 100 * i, images, shape: [16, 4, 4, 1] })?.step;
    });
    expect(steps).toEqual([1000, undefined, undefined, 1300]);
  });

  it('names a bad option', () => {
    expect(() => new SpreadCollapseDetector({ fraction: 0 })).toThrow(
      'spreadCollapse: fraction must lie in (0, 1), got 0');
  });
});
