import { describe, expect, it } from 'vitest';

import { CoverageDropDetector } from './coverage-drop.js';

describe('CoverageDropDetector', () => {
  it('warns when modes covered fall by a quarter from their best', () => {
    const detector = new CoverageDropDetector();
    const covered = [4, 8, 7, 7, 6, 6, 8, 5];
    const warnings = covered.map((modesCovered, i) => detector.observe({
      step: 500 * (i + 1), values: { modesCovered, highQualityPercent: 50, klToUniform: 0.1 },
    }));
    // 6 of a best of 8 is a quarter lost (step 2500); back at 8 the episode
    // ends, and 5 warns again (step 4000).
    expect(warnings.map((list) => list.map((w) => w.step))).toEqual(
      [[], [], [], [], [2500], [], [], [4000]]);
    const warning = warnings[4][0];
    expect(warning.name).toBe('mode-collapse');
    expect(warning.figures).toEqual(
      { modesCovered: 6, best: 8, bestStep: 1000, lostFraction: 0.25 });
    expect(warning.message).toBe(
      'modesCovered dropped to 6 from its best 8 at step 1000: 25% lost (a drop of 25% ' +
      'or more warns), so the generator stopped making some modes or classes');
  });

  it('tracks each coverage metric on its own and ignores the others', () => {
    const detector = new CoverageDropDetector();
    detector.observe({ step: 1, values: { classCoverage: 10, modesCaptured: 1000, score: 9 } });
    const warnings = detector.observe({
      step: 2, values: { classCoverage: 10, modesCaptured: 600, score: 1 },
    });
    expect(warnings.map((w) => Object.keys(w.figures)[0])).toEqual(['modesCaptured']);
    expect(detector.isCoverage('inceptionScore')).toBe(false);
  });

  it('takes a list of metric names and skips non-finite values', () => {
    const detector = new CoverageDropDetector({ metrics: ['digits'], drop: 0.5 });
    expect(detector.observe({ step: 1, values: { digits: 10, modesCovered: 8 } })).toEqual([]);
    expect(detector.observe({ step: 2, values: { digits: NaN, modesCovered: 1 } })).toEqual([]);
    expect(detector.observe({ step: 3, values: { digits: 5 } })[0].step).toBe(3);
    expect(() => new CoverageDropDetector({ drop: 1 })).toThrow(
      'coverageDrop: drop must lie in (0, 1), got 1');
  });
});
