import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { GanApi } from '../context.js';
import { decodePng } from '../png.js';
import { runCli } from '../program.js';
import { LOCK_FILE } from '../run-lock.js';
import { fakeGan, temporaryFolder, testContext } from '../test/fake-gan.js';
import { defaultRunFolder, sampleFileName } from './train.js';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => (folder = temporaryFolder()));
afterEach(() => folder.remove());

const QUICK = ['--steps', '25', '--sample-every', '10', '--log-every', '5'];

describe('simdgan train', () => {
  it('writes config.json, metrics.jsonl, sample grids and the generator', async () => {
    const { gan, calls } = fakeGan();
    const { context, stdout, stderr } = testContext(gan);
    const out = join(folder.path, 'run');
    const args = ['train', ...QUICK, '--batch-size', '4', '--seed', '7', '--out', out];
    expect(await runCli([...args, '--build', 'scalar'], context)).toBe(0);
    expect(stderr.text).toBe('');

    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      model: 'dcgan', steps: 25, batchSize: 4, seed: 7, sampleEvery: 10, logEvery: 5,
      latentDim: 100, generatorLearningRate: 2e-4, beta1: 0.5, build: 'scalar',
      backend: 'fake-scalar',
      data: { source: 'mnist', labels: null, name: 'mnist', count: 8, height: 4, labelled: true },
    });
    expect(calls.configs[0]).toMatchObject({ steps: 25, batchSize: 4, seed: 7 });
    expect(calls.builds).toEqual(['scalar']);

    const lines = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n');
    // Step lines, and for mnist an evaluation line at every sample grid.
    const evaluations = lines.filter((line) => 'metrics' in JSON.parse(line));
    expect(evaluations.map((line) => JSON.parse(line))).toEqual([
      { step: 10, metrics: { modesCovered: 5 } },
      { step: 20, metrics: { modesCovered: 5 } },
      { step: 25, metrics: { modesCovered: 5 } },
    ]);
    expect(calls.configs[0]).toMatchObject({ metricsEvery: 10 });
    const metrics = lines.filter((line) => !('metrics' in JSON.parse(line)));
    expect(metrics.map((line) => JSON.parse(line).step)).toEqual([5, 10, 15, 20, 25]);
    expect(JSON.parse(metrics[0])).toEqual({
      step: 5, discriminatorLoss: 1.25, generatorLoss: 0.75, realScore: 0.6,
      fakeScore: 0.4, secondsPerStep: 0.5, generatorGradientNorm: 0.3,
      discriminatorGradientNorm: 1.5,
    });

    const samples = readdirSync(join(out, 'samples')).sort();
    expect(samples).toEqual(['step-000010.png', 'step-000020.png', 'step-000025.png']);
    const grid = decodePng(readFileSync(join(out, 'samples', 'step-000025.png')));
    expect([grid.width, grid.height]).toEqual([16, 4]);
    expect(readFileSync(join(out, 'generator.sgan'), 'utf8')).toBe('FAKEGEN step=25');
    expect(readdirSync(out).sort()).toEqual([
      'checkpoint.sgan', 'config.json', 'generator.sgan', 'gradient-norms.svg', 'losses.svg',
      'metrics.jsonl', 'metrics.svg', 'samples', 'scores.svg',
    ]);
    expect(calls.disposed).toEqual(['reference', 'trainer', 'backend']);
  });

  it('prints JSON lines when stdout is not a terminal, ending with the paths', async () => {
    const { gan } = fakeGan();
    const { context, stdout } = testContext(gan);
    const out = join(folder.path, 'run');
    await runCli(['train', ...QUICK, '--out', out], context);
    const lines = stdout.lines().map((line) => JSON.parse(line));
    const events = lines.map((line) => line.event);
    expect(events).toEqual(['step', 'step', 'step', 'step', 'step', 'done']);
    expect(lines[4]).toMatchObject({ event: 'step', step: 25, steps: 25, generatorLoss: 0.75 });
    expect(lines[5]).toEqual({
      event: 'done', step: 25, steps: 25, stopped: false, out,
      config: join(out, 'config.json'), metrics: join(out, 'metrics.jsonl'),
      generator: join(out, 'generator.sgan'),
      lastSample: join(out, 'samples', 'step-000025.png'),
    });
  });

  it('keeps the generator of the last sample event and exits 130 on Ctrl-C', async () => {
    const { gan } = fakeGan();
    const { context, stdout, interrupt } = testContext(gan);
    const out = join(folder.path, 'run');
    let writes = 0;
    const write = context.stdout.write.bind(context.stdout);
    // Ctrl-C arrives with the fourth step event (step 20).
    context.stdout.write = (text: string) => (++writes === 4 && interrupt(), write(text));
    expect(await runCli(['train', ...QUICK, '--out', out], context)).toBe(130);
    const done = JSON.parse(stdout.lines().at(-1)!);
    expect(done).toMatchObject({ event: 'done', stopped: true, step: 20 });
    expect(readFileSync(join(out, 'generator.sgan'), 'utf8')).toBe('FAKEGEN step=20');
  });

  it('gives one line and exit 2 for an --out under a regular file', async () => {
    const { gan, calls } = fakeGan();
    const { context, stdout, stderr } = testContext(gan);
    const file = join(folder.path, 'file.txt');
    writeFileSync(file, 'not a folder');
    expect(await runCli(['train', '--out', join(file, 'run')], context)).toBe(2);
    expect(stderr.text).toBe(
      `simdgan: --out ${join(file, 'run')}: cannot create the folder: ` +
        'a part of the path is a file, not a folder (ENOTDIR)\n',
    );
    expect(stdout.text).toBe('');
    expect(calls.builds).toEqual([]);
  });

  it('refuses an --out that holds a run, before loading anything', async () => {
    const { gan, calls } = fakeGan();
    const { context, stderr } = testContext(gan);
    writeFileSync(join(folder.path, 'config.json'), '{}');
    expect(await runCli(['train', '--out', folder.path], context)).toBe(2);
    expect(stderr.text).toMatch(/^simdgan: --out .*: already holds a run \(config\.json\); /);
    expect(calls.datasets).toEqual([]);
  });

  it('reads an IDX file given as --data and reports a damaged one with its path', async () => {
    const { gan, calls } = fakeGan();
    const { context, stderr } = testContext(gan);
    const good = join(folder.path, 'images.idx');
    writeFileSync(good, Uint8Array.of(0, 0, 8, 3, 1, 2, 3, 4, 5, 6));
    const args = ['train', '--steps', '2', '--batch-size', '2', '--data', good];
    expect(await runCli([...args, '--out', join(folder.path, 'a')], context)).toBe(0);
    expect(calls.datasets).toEqual([{ name: 'images.idx', count: 6 }]);
    const config = JSON.parse(readFileSync(join(folder.path, 'a', 'config.json'), 'utf8'));
    expect(config.data).toMatchObject({ source: good, labels: null, labelled: false });

    const bad = join(folder.path, 'photo.png');
    writeFileSync(bad, Uint8Array.of(0x89, 0x50, 0x4e, 0x47));
    const badArgs = ['train', '--data', bad, '--out', join(folder.path, 'b')];
    expect(await runCli(badArgs, context)).toBe(2);
    expect(stderr.text).toBe(`simdgan: ${bad}: not an IDX file\n`);
  });

  it('names a missing --labels file', async () => {
    const { gan } = fakeGan();
    const { context, stderr } = testContext(gan);
    const images = join(folder.path, 'images.idx');
    writeFileSync(images, Uint8Array.of(0, 0, 8, 3, 1));
    const labels = join(folder.path, 'labels.idx');
    const args = ['train', '--data', images, '--labels', labels, '--out', join(folder.path, 'r')];
    expect(await runCli(args, context)).toBe(2);
    expect(stderr.text).toBe(
      `simdgan: --labels ${labels}: cannot read: no such file or folder (ENOENT)\n`,
    );
  });

  it('names run folders by local time and sample grids by step', () => {
    expect(defaultRunFolder(new Date(2024, 4, 1, 9, 3, 5))).toBe(
      join('runs', '2024-05-01T09-03-05'),
    );
    expect(sampleFileName(100)).toBe('step-000100.png');
    expect(existsSync(join(folder.path, 'runs'))).toBe(false);
  });
});

describe('simdgan train, one run per folder at a time', () => {
  it('refuses a folder another live train holds, takes over a dead one, releases at the end',
    async () => {
      const { gan } = fakeGan();
      const out = join(folder.path, 'locked');
      const args = ['train', ...QUICK, '--batch-size', '4', '--out', out];
      mkdirSync(out);
      // This test's own process stands for another live run.
      writeFileSync(join(out, LOCK_FILE), `${process.pid}\n`);
      const held = testContext(gan);
      expect(await runCli(args, held.context)).toBe(2);
      expect(held.stderr.text).toBe(`simdgan: --out ${out}: another simdgan train (process ` +
        `${process.pid}) is writing into it; wait for it to end or choose another folder\n`);
      expect(existsSync(join(out, 'config.json'))).toBe(false);

      // A process that has ended: its lock is stale.
      const ended = spawnSync(process.execPath,
        ['-e', 'process.stdout.write(String(process.pid))']);
      writeFileSync(join(out, LOCK_FILE), `${ended.stdout.toString()}\n`);
      const free = testContext(gan);
      expect(await runCli(args, free.context)).toBe(0);
      expect(existsSync(join(out, 'config.json'))).toBe(true);
      expect(existsSync(join(out, LOCK_FILE))).toBe(false);
    });
});

describe('simdgan train threads', () => {
  const trainedThreads = async (args: string[]) => {
    const { gan, calls } = fakeGan();
    const { context } = testContext(gan);
    await runCli(['train', ...args, '--out', join(folder.path, `run${args.length}`)], context);
    return calls.threads;
  };

  it('defaults to the cores for images and to one thread for the 2-D mixtures', async () => {
    expect(await trainedThreads([...QUICK])).toEqual([undefined]);
    expect(await trainedThreads(['--threads', '2', ...QUICK])).toEqual([2]);
  });

  it('records one thread for a ring run of the real library, two when asked', async () => {
    const gan = (await import('@simdgan/gan')) as unknown as GanApi;
    const threadsOf = async (extra: string[]) => {
      const out = join(folder.path, `ring${extra.length}`);
      const { context, stderr } = testContext(gan);
      const args = ['train', '--data', 'ring', '--steps', '2', '--sample-every', '2',
        '--metrics-every', '0', '--out', out, ...extra];
      expect(await runCli(args, context)).toBe(0);
      // (Two threads on a one-core machine would add a warning.)
      if (extra.length === 0) expect(stderr.text).toBe('');
      return JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).threads;
    };
    expect(await threadsOf([])).toBe(1);
    expect(await threadsOf(['--threads', '2'])).toBe(2);
  });
});

