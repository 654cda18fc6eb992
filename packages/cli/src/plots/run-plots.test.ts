import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DOMParser } from '@xmldom/xmldom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { temporaryFolder } from '../test/fake-gan.js';
import { PLOT_FILES, scatterFileName, writeRunPlots } from './run-plots.js';
import type { RunRecord } from './run-records.js';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => {
  folder = temporaryFolder();
  mkdirSync(join(folder.path, 'samples'));
});
afterEach(() => folder.remove());

/** Parses SVG text as XML; any parse error or warning fails the test. */
function parseSvg(path: string) {
  const problems: string[] = [];
  const document = new DOMParser({ onError: (level, message) => {
    problems.push(`${level}: ${message}`);
  } }).parseFromString(readFileSync(path, 'utf8'), 'image/svg+xml');
  expect(problems).toEqual([]);
  expect(document.documentElement?.tagName).toBe('svg');
  // Each line of text: a multi-line title is a <text> of <tspan> lines.
  const texts = Array.from(document.getElementsByTagName('text')).flatMap((text) => {
    const lines = Array.from(text.getElementsByTagName('tspan'));
    return (lines.length > 0 ? lines : [text]).map((line) => line.textContent ?? '');
  });
  const groups = Array.from(document.getElementsByTagName('g'));
  /** Paths drawn by marks of a class, e.g. 'mark-line role-mark'. */
  const marks = (kind: string) => groups
    .filter((g) => (g.getAttribute('class') ?? '').startsWith(kind))
    .flatMap((g) => Array.from(g.getElementsByTagName('path')));
  return { texts, marks };
}

/** Points in an SVG path made of one M and then L commands. */
function pointsOf(path: { getAttribute(name: string): string | null }): number {
  return (path.getAttribute('d') ?? '').split(/[ML]/).filter((part) => part !== '').length;
}

function records(count: number, withNorms: boolean): RunRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    step: 10 * (i + 1),
    discriminatorLoss: 1.3 - i / count,
    generatorLoss: 0.7 + i / count,
    realScore: 0.5 + i / (3 * count),
    fakeScore: 0.5 - i / (3 * count),
    ...(withNorms ? { generatorGradientNorm: Math.exp(-i / 10),
      discriminatorGradientNorm: i === 3 ? null : 2 } : {}),
  }));
}

describe('writeRunPlots', () => {
  it('draws losses and scores as SVG with titles, axes, legends and every point', async () => {
    const written = await writeRunPlots(folder.path, records(25, false));
    expect(written).toEqual([PLOT_FILES.losses, PLOT_FILES.scores]
      .map((name) => join(folder.path, name)));

    const losses = parseSvg(written[0]);
    expect(losses.texts).toEqual(expect.arrayContaining(
      ['Losses', 'steps 0 to 250', 'step', 'loss', 'discriminator', 'generator']));
    const lines = losses.marks('mark-line role-mark');
    expect(lines.map(pointsOf)).toEqual([25, 25]);
    const scores = parseSvg(written[1]);
    expect(scores.texts).toEqual(expect.arrayContaining(
      ['Discriminator scores', 'D(real)', 'D(fake)', 'probability of "real"', '1.0']));
  });

  it('draws gradient norms on a log scale, leaving out missing values, and marks warnings',
    async () => {
      const written = await writeRunPlots(folder.path, records(100, true),
        { warnings: [{ step: 500, name: 'vanishing-gradients' }] });
      expect(written).toContain(join(folder.path, PLOT_FILES.gradientNorms));
      const norms = parseSvg(join(folder.path, PLOT_FILES.gradientNorms));
      expect(norms.texts).toEqual(expect.arrayContaining(['Gradient norms',
        'gradient norm (log scale)', 'vanishing-gradients',
        'thin: each step event, thick: mean of 5 events']));
      // Thin and thick line of each network; the discriminator misses one value.
      expect(norms.marks('mark-line role-mark').map(pointsOf).sort()).toEqual(
        [100, 100, 99, 99].sort());
      expect(parseSvg(join(folder.path, PLOT_FILES.losses)).texts)
        .toContain('vanishing-gradients');
    });

  it('draws one panel per metric when the records hold metrics', async () => {
    const list: RunRecord[] = [...records(4, false),
      { step: 20, metrics: { modesCovered: 3, klToUniform: 1.2 } },
      { step: 40, metrics: { modesCovered: 7, klToUniform: null } }];
    await writeRunPlots(folder.path, list);
    const metrics = parseSvg(join(folder.path, PLOT_FILES.metrics));
    expect(metrics.texts).toEqual(expect.arrayContaining(
      ['Evaluation metrics', 'modesCovered', 'klToUniform']));
    expect(metrics.marks('mark-line role-mark').map(pointsOf)).toEqual([2, 1]);
  });

  it('draws real and generated 2-D points in samples/scatter-step-NNNNNN.svg', async () => {
    const real = Float32Array.from([1, 0, 0, 1, -1, 0, 0, -1]);
    const generated = Float32Array.from([0.9, 0.1, 1.1, -0.1, 0.95, 0, NaN, 1]);
    const written = await writeRunPlots(folder.path, [],
      { scatter: { step: 300, generated, real } });
    expect(scatterFileName(300)).toBe(join('samples', 'scatter-step-000300.svg'));
    expect(written).toEqual([join(folder.path, 'samples', 'scatter-step-000300.svg')]);
    const scatter = parseSvg(written[0]);
    expect(scatter.texts).toEqual(expect.arrayContaining([
      'Real and generated points at step 300', '4 real, 4 generated', 'real', 'generated',
      'x', 'y']));
    // 4 real and the 3 finite generated points.
    expect(scatter.marks('mark-symbol role-mark')).toHaveLength(7);
  });

  it('replaces each chart atomically: a new file renamed over the old, no leftovers',
    async () => {
      const losses = join(folder.path, PLOT_FILES.losses);
      writeFileSync(losses, 'old');
      const before = statSync(losses).ino;
      await writeRunPlots(folder.path, records(3, false));
      expect(statSync(losses).ino).not.toBe(before);
      expect(readFileSync(losses, 'utf8')).toMatch(/^<svg /);
      expect(readdirSync(folder.path).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      await expect(writeRunPlots(join(folder.path, 'none', 'x'), records(3, false)))
        .rejects.toMatchObject({ code: 'WRITE_FAILED' });
    });
});
