import { describe, expect, it } from 'vitest';

import { stepStream } from '../test/event-streams.js';
import { TrainingMonitor } from './training-monitor.js';
import type { TrainingWarning } from './warning.js';

// 30 balanced events, then 30 where D wins and the G gradient is gone.
const starving = stepStream([
  { events: 30, discriminatorLoss: () => 1.2, generatorGradientNorm: () => 0.5 },
  { events: 30, discriminatorLoss: () => 0.01, generatorGradientNorm: () => 0.001 },
]);

function names(monitor: TrainingMonitor): string[] {
  return starving.flatMap((event) => monitor.observeStep(event)).map((w) => w.name);
}

describe('TrainingMonitor', () => {
  it('routes each event kind to its rules and returns contract-shaped warnings', () => {
    const monitor = new TrainingMonitor({ loss: 'minimax' });
    const warnings: TrainingWarning[] = starving.flatMap((e) => monitor.observeStep(e));
    expect(warnings).toHaveLength(1);
    expect(Object.keys(warnings[0]).sort()).toEqual(['figures', 'message', 'name', 'step']);
    expect(warnings[0]).toMatchObject({ step: 400, name: 'vanishing-gradients' });

    const spread = (step: number, value: number) => monitor.observeSamples(
      { step, images: Float32Array.from([value, -value]), shape: [2, 1] });
    expect(spread(100, 1)).toEqual([]);
    expect(spread(200, 0.1).map((w) => w.name)).toEqual(['mode-collapse']);

    expect(monitor.observeMetrics({ step: 100, values: { modesCovered: 8 } })).toEqual([]);
    expect(monitor.observeMetrics({ step: 200, values: { modesCovered: 2 } })
      .map((w) => w.name)).toEqual(['mode-collapse']);
  });

  it('leaves the vanishing-gradients rule off for Wasserstein critics', () => {
    expect(names(new TrainingMonitor({ loss: 'non-saturating' }))).toEqual(
      ['vanishing-gradients']);
    expect(names(new TrainingMonitor({ loss: 'wasserstein-gp' }))).toEqual([]);
    expect(names(new TrainingMonitor({ loss: 'wasserstein-clip' }))).toEqual([]);
  });

  it('switches rules off with false and passes thresholds through', () => {
    expect(names(new TrainingMonitor({ vanishingGradients: false }))).toEqual([]);
    const strict = new TrainingMonitor({ vanishingGradients: { discriminatorLossBelow: 0.001 } });
    expect(names(strict)).toEqual([]);
    const quiet = new TrainingMonitor({ spreadCollapse: false, coverageDrop: false });
    const images = Float32Array.from([1, -1]);
    quiet.observeSamples({ step: 1, images, shape: [2, 1] });
    expect(quiet.observeSamples({ step: 2, images: new Float32Array(2), shape: [2, 1] }))
      .toEqual([]);
    expect(quiet.observeMetrics({ step: 1, values: { modesCovered: 8 } })).toEqual([]);
    expect(quiet.observeMetrics({ step: 2, values: { modesCovered: 0 } })).toEqual([]);
  });
});

describe('TrainingMonitor state', () => {
  it('round-trips through JSON and refuses a state that does not fit, naming the part', () => {
    const monitor = new TrainingMonitor();
    for (let step = 1; step <= 30; step++) {
      monitor.observeStep({ step, discriminatorLoss: 0.5 + 0.1 * Math.sin(step),
        generatorLoss: 1, generatorGradientNorm: 2 });
    }
    monitor.observeMetrics({ step: 30, values: { classesCovered: 10 } });
    const state = JSON.parse(JSON.stringify(monitor.state()));
    const copy = new TrainingMonitor();
    copy.restore(state);
    expect(copy.state()).toEqual(monitor.state());
    expect(() => copy.restore({ ...state, oscillation: { ...state.oscillation,
      generator: 'x' } })).toThrow('TrainingMonitor.restore: oscillation: a window of at most');
    expect(() => copy.restore({ ...state, coverageDrop: { classesCovered: { best: 1,
      bestStep: 2, episode: {} } } })).toThrow('coverageDrop: an episode state');
  });
});
