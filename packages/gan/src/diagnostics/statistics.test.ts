import { describe, expect, it } from 'vitest';

import { Episode } from './episode.js';
import {
  linearFit, meanOf, medianOf, movingMedian, Window,
} from './statistics.js';

describe('window statistics', () => {
  it('takes means, medians and running medians', () => {
    expect(meanOf([1, 2, 6])).toBe(3);
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([4, 1, 3, 10])).toBe(3.5);
    // A lone spike is dropped, a step is kept.
    expect(movingMedian([1, 1, 9, 1, 1, 5, 5, 5], 3)).toEqual([1, 1, 1, 1, 5, 5]);
    expect(movingMedian([1, 2], 1)).toEqual([1, 2]);
  });

  it('fits a line exactly through points on it', () => {
    const fit = linearFit([3, 5, 7, 9]);
    expect(fit.intercept).toBeCloseTo(3, 12);
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(linearFit([4])).toEqual({ intercept: 4, slope: 0 });
  });

  it('keeps the last values of a window', () => {
    const window = new Window(3);
    [1, 2, 3, 4].forEach((value) => window.push(value));
    expect(window.full).toBe(true);
    expect(window.items).toEqual([2, 3, 4]);
  });
});

describe('Episode', () => {
  it('fires once per episode and re-arms after rearmAfter clear checks', () => {
    const episode = new Episode(2);
    const fired = [true, true, false, true, false, false, true, true]
      .map((condition) => episode.update(condition));
    // The single clear check at index 2 does not end the episode; two do.
    expect(fired).toEqual([true, false, false, false, false, false, true, false]);
    expect(episode.inEpisode).toBe(true);
  });
});
