import { describe, expect, it } from 'vitest';

import { createProgress, type RunSummary } from './progress.js';
import { MemoryStream } from './test/fake-gan.js';

const FIGURES = {
  step: 10, steps: 100, discriminatorLoss: 1.25, generatorLoss: 0.5,
  realScore: 0.7, fakeScore: 0.3, secondsPerStep: 0.25,
};
const SUMMARY: RunSummary = {
  step: 100, steps: 100, stopped: false, out: 'runs/a', config: 'runs/a/config.json',
  metrics: 'runs/a/metrics.jsonl', generator: 'runs/a/generator.sgan',
  lastSample: 'runs/a/samples/step-000100.png',
};

describe('createProgress', () => {
  it('writes one JSON line per step and a done line when not on a terminal', () => {
    const stream = new MemoryStream(false);
    const progress = createProgress(stream, 100);
    progress.step(FIGURES);
    progress.finish(SUMMARY);
    progress.close();
    expect(stream.lines().map((line) => JSON.parse(line))).toEqual([
      { event: 'step', ...FIGURES },
      { event: 'done', ...SUMMARY },
    ]);
  });

  it('draws a bar with steps, speed and losses on a terminal, then the paths', () => {
    const stream = new MemoryStream(true);
    const progress = createProgress(stream, 100);
    progress.step(FIGURES);
    progress.finish({ ...SUMMARY, stopped: true, step: 10 });
    expect(stream.text).toContain('10/100 steps | 4.00 steps/s | ETA');
    expect(stream.text).toContain('D 1.250 G 0.500');
    expect(stream.text).toMatch(
      /stopped at step 10\nsamples: {3}runs\/a\/samples\/step-000100\.png\n/,
    );
    expect(stream.text.endsWith('generator: runs/a/generator.sgan\n')).toBe(true);
  });
});
