import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { temporaryFolder } from '../test/fake-gan.js';
import { realPointsOf, RunPlotter } from './run-plotter.js';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => {
  folder = temporaryFolder();
  mkdirSync(join(folder.path, 'samples'));
});
afterEach(() => folder.remove());

const ring = {
  count: 800, height: 1, width: 1, channels: 2,
  images: Float32Array.from({ length: 1600 }, (_, i) =>
    (i % 2 === 0 ? Math.cos : Math.sin)((2 * Math.PI * ((i >> 1) % 8)) / 8)),
};

function metricsFile(lines: object[]): string {
  const path = join(folder.path, 'metrics.jsonl');
  writeFileSync(path, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  return path;
}

describe('realPointsOf', () => {
  it('takes the first 500 points of 2-D data and nothing of images', () => {
    expect(realPointsOf(ring)).toEqual(ring.images.subarray(0, 1000));
    expect(realPointsOf({ ...ring, height: 2, width: 2, channels: 1 })).toBeUndefined();
  });
});

describe('RunPlotter', () => {
  it('redraws the charts at each samples event, with scatters for 2-D data', async () => {
    const metrics = metricsFile([
      { step: 10, discriminatorLoss: 1.3, generatorLoss: 0.7, realScore: 0.5, fakeScore: 0.5 },
      { step: 20, discriminatorLoss: 1.1, generatorLoss: 0.9, realScore: 0.6, fakeScore: 0.4 },
    ]);
    const plotter = new RunPlotter(folder.path, metrics, ring);
    const points = (step: number) => ({ step, images: new Float32Array(16).fill(step / 100),
      shape: [8, 1, 1, 2] });
    plotter.update(points(10));
    plotter.warn({ step: 15, name: 'oscillation' });
    plotter.update(points(20));
    await plotter.finish();
    expect(readdirSync(folder.path).sort()).toEqual(
      ['losses.svg', 'metrics.jsonl', 'samples', 'scores.svg']);
    expect(readdirSync(join(folder.path, 'samples')).sort()).toEqual(
      ['scatter-step-000010.svg', 'scatter-step-000020.svg']);
  });

  it('draws no scatter for images, and rethrows the first failure at finish', async () => {
    const metrics = metricsFile([{ step: 1, discriminatorLoss: 1, generatorLoss: 1 }]);
    const images = { step: 1, images: new Float32Array(16), shape: [1, 4, 4, 1] };
    const plotter = new RunPlotter(folder.path, metrics);
    plotter.update(images);
    await plotter.finish();
    expect(readdirSync(join(folder.path, 'samples'))).toEqual([]);

    const lost = new RunPlotter(join(folder.path, 'gone'), metrics);
    lost.update(images);
    await lost.settle();
    await expect(lost.finish()).rejects.toThrow(/^cannot write .*gone.*losses\.svg: /);
  });
});
