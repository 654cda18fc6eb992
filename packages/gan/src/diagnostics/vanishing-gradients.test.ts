import { describe, expect, it } from 'vitest';

import { noise, stepStream, type Stretch } from '../test/event-streams.js';
import { VanishingGradientsDetector } from './vanishing-gradients.js';
import type { MonitoredStep, TrainingWarning } from './warning.js';

function run(events: MonitoredStep[], detector = new VanishingGradientsDetector()) {
  return events
    .map((event) => detector.observe(event))
    .filter((warning): warning is TrainingWarning => warning !== undefined);
}

const jitter = noise(1, 0.05);
const balanced: Stretch = {
  events: 30,
  discriminatorLoss: () => 1.2 + 2 * jitter(),
  generatorGradientNorm: () => 0.4 * Math.exp(jitter()),
};
// The discriminator wins and the saturating generator starves (CASES L2).
const starved: Stretch = {
  events: 30,
  discriminatorLoss: () => 0.01,
  generatorGradientNorm: () => 0.004 * Math.exp(jitter()),
};

describe('VanishingGradientsDetector', () => {
  it('warns once when D wins outright and the G gradient collapses', () => {
    const warnings = run(stepStream([balanced, starved]));
    // Events 31..60 starve; the window of 10 is all starved at event 40.
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    expect(warning.step).toBe(400);
    expect(warning.name).toBe('vanishing-gradients');
    expect(warning.figures.discriminatorLoss).toBeCloseTo(0.01, 10);
    expect(warning.figures.gradientRatio).toBeLessThan(0.02);
    expect(warning.figures.peakGeneratorGradientNorm).toBeGreaterThan(0.35);
    expect(warning.message).toMatch(new RegExp(
      '^the discriminator wins outright \\(mean loss 0\\.01 over the last 10 step events, ' +
      "below 0\\.05\\) and the generator's gradient norm fell to 0\\.00\\d+, " +
      '\\d\\.\\d% of its peak 0\\.\\d+ at step \\d+ \\(below 10%\\)'));
  });

  it('warns again only after the condition has cleared for rearmAfter events', () => {
    const events = stepStream([balanced, starved, balanced, starved]);
    expect(run(events).map((w) => w.step)).toEqual([400, 1000]);
    // 5 good events clear the windowed condition for 5 + 9 = 14 checks,
    // fewer than rearmAfter (20): still one episode.
    const short = stepStream([balanced, starved, { ...balanced, events: 5 }, starved]);
    expect(run(short).map((w) => w.step)).toEqual([400]);
  });

  it('stays silent on a healthy run, slowly drifting and noisy', () => {
    const events = stepStream([{
      events: 300,
      discriminatorLoss: (i) => 1.3 - i / 1000 + 3 * jitter(),
      generatorGradientNorm: (i) => 0.3 * Math.exp(-i / 300) * Math.exp(4 * jitter()),
    }]);
    expect(run(events)).toEqual([]);
  });

  it('needs both halves of the rule', () => {
    // D wins but the gradient keeps its size (the non-saturating loss).
    const strongGradient = stepStream([balanced, { ...starved,
      generatorGradientNorm: balanced.generatorGradientNorm }]);
    expect(run(strongGradient)).toEqual([]);
    // The gradient shrinks but D does not win (a generator near its goal).
    const balancedGame = stepStream([balanced, { ...starved,
      discriminatorLoss: balanced.discriminatorLoss }]);
    expect(run(balancedGame)).toEqual([]);
  });

  it('skips events without a finite gradient norm or loss', () => {
    const events = stepStream([balanced, starved]).map((event) => (
      { ...event, generatorGradientNorm: undefined }));
    expect(run(events)).toEqual([]);
    const nan = stepStream([balanced, { ...starved, discriminatorLoss: () => NaN }]);
    expect(run(nan)).toEqual([]);
  });

  it('follows its options and names a bad one', () => {
    const loose = new VanishingGradientsDetector({ window: 5, discriminatorLossBelow: 0.2 });
    expect(run(stepStream([balanced, starved]), loose).map((w) => w.step)).toEqual([350]);
    expect(() => new VanishingGradientsDetector({ window: 0 })).toThrow(
      'vanishingGradients: window must be a whole number >= 1, got 0');
    expect(() => new VanishingGradientsDetector({ gradientFraction: 1.5 })).toThrow(
      expect.objectContaining({ code: 'BAD_ARGUMENT',
        message: 'vanishingGradients: gradientFraction must lie in (0, 1), got 1.5' }));
  });
});
