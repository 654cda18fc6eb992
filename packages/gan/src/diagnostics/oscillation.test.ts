import { describe, expect, it } from 'vitest';

import { noise, stepStream, type Stretch } from '../test/event-streams.js';
import {
  defaultOscillationOptions, measureSwing, OscillationDetector,
} from './oscillation.js';
import type { MonitoredStep, TrainingWarning } from './warning.js';

function run(events: MonitoredStep[], detector = new OscillationDetector()) {
  return events
    .map((event) => detector.observe(event))
    .filter((warning): warning is TrainingWarning => warning !== undefined);
}

/** Noise with correlation 0.5 from one event to the next, like real losses. */
function correlatedNoise(seed: number, deviation: number): () => number {
  const white = noise(seed, deviation * Math.sqrt(1 - 0.25));
  let previous = 0;
  return () => (previous = 0.5 * previous + white());
}

const calmD = correlatedNoise(3, 0.15);
const calmG = correlatedNoise(2, 0.12);
const calm: Stretch = {
  events: 80,
  discriminatorLoss: (i) => 0.8 + 0.5 * Math.exp(-i / 60) + calmD(),
  generatorLoss: (i) => 0.9 + i / 800 + calmG(),
};
const jitter = noise(4, 0.08);
// Swings of +-0.6 around 1.0 with a period of 12 events: +-60% of the level.
const swinging: Stretch = {
  ...calm,
  discriminatorLoss: (i) => 1 + 0.6 * Math.sin((2 * Math.PI * i) / 12) + jitter(),
};

describe('measureSwing', () => {
  it('measures a clean sine: swing 2/pi of the amplitude, 2 crossings a period', () => {
    const sine = Array.from({ length: 62 }, (_, i) => 2 + Math.sin((2 * Math.PI * i) / 20));
    const figures = measureSwing(sine, { ...defaultOscillationOptions, smoothing: 1 });
    expect(figures.swing).toBeCloseTo(2 / Math.PI, 1);
    expect(figures.relativeSwing).toBeCloseTo(1 / Math.PI, 1);
    expect(figures.crossings).toBe(6);
    expect(figures.settleRatio).toBeCloseTo(1, 1);
  });

  it('takes a straight line for a trend with no swing', () => {
    const line = Array.from({ length: 40 }, (_, i) => 3 - i / 20);
    const figures = measureSwing(line, defaultOscillationOptions);
    expect(figures.swing).toBeLessThan(1e-12);
    expect(figures.crossings).toBe(0);
  });
});

describe('OscillationDetector', () => {
  it("warns once when the discriminator's loss swings without settling", () => {
    const warnings = run(stepStream([calm, swinging]));
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    expect(warning.name).toBe('oscillation');
    // Events 81.. swing; the window of 40 needs about a third of them.
    expect(warning.step).toBeGreaterThan(900);
    expect(warning.step).toBeLessThanOrEqual(1200);
    expect(warning.figures.discriminatorRelativeSwing).toBeGreaterThanOrEqual(0.3);
    expect(warning.figures.discriminatorCrossings).toBeGreaterThanOrEqual(4);
    expect(warning.figures.generatorRelativeSwing).toBeLessThan(0.3);
    expect(warning.message).toMatch(new RegExp(
      "^the discriminator's loss swings without settling: over the last 40 step events " +
      'it strays 0\\.\\d+ \\(\\d+% of its level, at least 30%\\) from its trend, ' +
      'crossing it \\d+ times'));
  });

  it('names both losses when both swing, and warns again after calm', () => {
    const both: Stretch = { ...swinging,
      generatorLoss: (i) => 2 + 1.5 * Math.cos((2 * Math.PI * i) / 16) + jitter() };
    const warnings = run(stepStream([both, calm, both]));
    expect(warnings).toHaveLength(2);
    expect(warnings[0].message).toMatch(/^both losses swing without settling/);
    expect(warnings[0].step).toBe(400);
    // The second episode starts as the swing comes back, loss by loss.
    expect(warnings[1].message).toMatch(/swings? without settling/);
    expect(warnings[1].step).toBeGreaterThan(1600);
  });

  it('stays silent on healthy noisy losses that drift and settle', () => {
    expect(run(stepStream([calm, calm, calm, calm]))).toEqual([]);
  });

  it('stays silent on a swing that dies down, a single jump, and a loss near 0', () => {
    const damped: Stretch = { ...calm, discriminatorLoss: (i) =>
      1 + 0.8 * Math.exp(-i / 10) * Math.sin((2 * Math.PI * i) / 12) + jitter() };
    expect(run(stepStream([damped, calm]))).toEqual([]);
    const jump: Stretch = { ...calm, discriminatorLoss: (i) => (i < 40 ? 1 : 2) + jitter() };
    expect(run(stepStream([jump]))).toEqual([]);
    // A hinge loss near 0 with noise of 0.01: measured against scaleFloor 0.5.
    const small = noise(6, 0.01);
    const nearZero: Stretch = { ...calm, discriminatorLoss: () => 0.02 + small() };
    expect(run(stepStream([nearZero, nearZero]))).toEqual([]);
  });

  it('stays silent on lone spikes, as when a starved generator lurches', () => {
    // A loss near 0 with a spike of -2 to -6 every 7 events (seen in a real
    // minimax run): erratic, but not a swing; the running median drops it.
    const spiky: Stretch = { ...calm, generatorLoss: (i) => (i % 7 === 3 ? -2 - (i % 5) : 0) };
    expect(run(stepStream([spiky, spiky]))).toEqual([]);
  });

  it('skips non-finite losses and names a bad option', () => {
    const broken = stepStream([{ ...swinging, generatorLoss: () => Infinity }]);
    expect(run(broken)).toEqual([]);
    expect(() => new OscillationDetector({ window: 5 })).toThrow(
      'oscillation: window must be a whole number >= 6, got 5');
    expect(() => new OscillationDetector({ minRelativeSwing: -1 })).toThrow(
      expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });
});
