import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CliContext, GanApi } from '../context.js';
import { runCli } from '../program.js';
import { cliError } from '../test/cli-error.js';
import { fakeGan, temporaryFolder, testContext } from '../test/fake-gan.js';
import { resumeBuild, type ResumeSource } from './resume.js';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => (folder = temporaryFolder()));
afterEach(() => folder.remove());

const QUICK = ['--sample-every', '10', '--log-every', '5'];
const read = (...parts: string[]) => readFileSync(join(...parts), 'utf8');
/** The steps of the step lines (evaluation lines carry `metrics` instead of losses). */
const steps = (out: string) =>
  read(out, 'metrics.jsonl').trim().split('\n').map((line) => JSON.parse(line))
    .filter((record) => !('metrics' in record)).map((record) => record.step);
const checkpointStep = (out: string) =>
  JSON.parse(read(out, 'checkpoint.sgan').slice('FAKECKPT '.length)).step;

async function train(args: string[], gan: GanApi = fakeGan().gan) {
  const { context, stderr } = testContext(gan);
  const code = await runCli(['train', ...args], context);
  return { code, stderr: stderr.text };
}

describe('simdgan train writes checkpoints and --resume continues', () => {
  it('writes checkpoint.sgan at each sample event and at the end', async () => {
    const out = join(folder.path, 'run');
    expect((await train(['--steps', '25', ...QUICK, '--out', out])).code).toBe(0);
    expect(checkpointStep(out)).toBe(25);
  });

  it('continues from the checkpoint with more --steps, logging each step once', async () => {
    const out = join(folder.path, 'run');
    await train(['--steps', '20', '--batch-size', '4', ...QUICK, '--out', out]);
    const { gan, calls } = fakeGan();
    expect((await train(['--resume', out, '--steps', '40'], gan)).code).toBe(0);
    expect(calls.configs[0]).toMatchObject({ steps: 40, batchSize: 4, sampleEvery: 10 });
    expect(calls.datasets).toEqual([{ name: 'mnist', count: 8 }]);
    expect(steps(out)).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
    expect(checkpointStep(out)).toBe(40);
    expect(read(out, 'generator.sgan')).toBe('FAKEGEN step=40');
    expect(JSON.parse(read(out, 'config.json'))).toMatchObject({ steps: 40, batchSize: 4 });
  });

  it('drops metrics written after the checkpoint by a run that died, and says so', async () => {
    const out = join(folder.path, 'run');
    await train(['--steps', '20', ...QUICK, '--out', out]);
    const metrics = join(out, 'metrics.jsonl');
    // Steps 25 and 30 were logged, then the process was killed mid-line.
    writeFileSync(metrics, `${read(metrics)}{"step":25}\n{"step":30}\n{"ste`);
    expect(await train(['--resume', out, '--steps', '30'])).toEqual({ code: 0,
      stderr: `simdgan: warning: --resume ${out}: metrics.jsonl: dropped 2 line(s) after the ` +
        "checkpoint's step 20 and 1 damaged one(s); the resumed run logs those steps again\n" });
    expect(steps(out)).toEqual([5, 10, 15, 20, 25, 30]);
    // A resume with nothing to drop says nothing.
    expect(await train(['--resume', out, '--steps', '40'])).toEqual({ code: 0, stderr: '' });
  });

  it('refuses a flag that differs from the run\'s configuration', async () => {
    const out = join(folder.path, 'run');
    await train(['--steps', '10', ...QUICK, '--out', out]);
    const result = await train(['--resume', out, '--batch-size', '32']);
    expect(result).toEqual({ code: 2, stderr: `simdgan: --resume ${out}: --batch-size 32 ` +
      'differs from the run\'s 64; a resumed run keeps its configuration (only --steps ' +
      'may change)\n' });
    expect((await train(['--resume', out, '--batch-size', '64'])).code).toBe(0);
  });

  it('refuses a flag of the other model, naming the run\'s', async () => {
    const out = join(folder.path, 'run');
    await train(['--data', 'ring', '--steps', '10', ...QUICK, '--out', out]);
    expect(await train(['--resume', out, '--base-filters', '64'])).toEqual({ code: 2,
      stderr: 'simdgan: --base-filters: only used with --model dcgan, not with --model mlp ' +
        `(the model of the run in ${out})\n` });
    expect((await train(['--resume', out, '--hidden-units', '128'])).code).toBe(0);
  });

  it('continues on the run\'s build and refuses another --build', async () => {
    const out = join(folder.path, 'run');
    await train(['--steps', '10', ...QUICK, '--build', 'relaxed', '--out', out]);
    const { gan, calls } = fakeGan();
    expect(await train(['--resume', out, '--build', 'simd'], gan)).toEqual({ code: 2,
      stderr: `simdgan: --resume ${out}: --build simd differs from the run's relaxed build; ` +
        'builds round differently, so the resumed run would not be the one an unbroken run ' +
        'makes (give --build relaxed, or no --build)\n' });
    expect(calls.builds).toEqual([]);
    expect((await train(['--resume', out, '--steps', '20'], gan)).code).toBe(0);
    expect((await train(['--resume', out, '--steps', '30', '--build', 'auto'], gan)).code)
      .toBe(0);
    expect((await train(['--resume', out, '--steps', '40', '--build', 'relaxed'], gan)).code)
      .toBe(0);
    expect(calls.builds).toEqual(['relaxed', 'relaxed', 'relaxed']);
  });

  it('continues on the best build, with a warning, where the run\'s cannot run', async () => {
    const out = join(folder.path, 'run');
    await train(['--steps', '10', ...QUICK, '--build', 'relaxed', '--out', out]);
    const { gan, calls } = fakeGan();
    const noRelaxed = {
      ...gan,
      async createBackend(options: Parameters<GanApi['createBackend']>[0] = {}) {
        if (options.build !== 'relaxed') return gan.createBackend(options);
        throw Object.assign(new Error("createEngine: build 'relaxed' cannot run"),
          { code: 'BUILD_UNSUPPORTED' });
      },
    } as GanApi;
    expect(await train(['--resume', out, '--steps', '20'], noRelaxed)).toEqual({ code: 0,
      stderr: `simdgan: warning: --resume ${out}: the run's relaxed build cannot run here; ` +
        'it continues on the best build there is, so it will not be the run an unbroken one ' +
        'makes\n' });
    expect(calls.builds).toEqual(['auto']);
    expect(JSON.parse(read(out, 'config.json'))).toMatchObject(
      { build: 'auto', backend: 'fake-auto' });
  });

  it('refuses another data set and a folder without a checkpoint', async () => {
    const out = join(folder.path, 'run');
    await train(['--steps', '10', ...QUICK, '--out', out]);
    const images = join(folder.path, 'images.idx');
    writeFileSync(images, Uint8Array.of(0, 0, 8, 3, 1, 2, 3));
    const other = await train(['--resume', out, '--data', images]);
    expect(other).toEqual({ code: 2, stderr: `simdgan: ${join(out, 'checkpoint.sgan')}: ` +
      'the run was trained on mnist, not on images.idx\n' });
    rmSync(join(out, 'checkpoint.sgan'));
    expect(await train(['--resume', out])).toEqual({ code: 2, stderr: `simdgan: --resume ` +
      `${out}: holds no checkpoint.sgan; give the folder of a run that wrote a ` +
      'checkpoint.sgan\n' });
  });

  it('says a missing --resume folder does not exist, and a file is not a folder', async () => {
    const missing = join(folder.path, 'none');
    expect(await train(['--resume', missing])).toEqual({ code: 2, stderr: `simdgan: --resume ` +
      `${missing}: does not exist; give the folder of a run that wrote a checkpoint.sgan\n` });
    const file = join(folder.path, 'file');
    writeFileSync(file, 'x');
    expect(await train(['--resume', file])).toEqual({ code: 2, stderr: `simdgan: --resume ` +
      `${file}: is a file, not a folder; give the folder of a run that wrote a ` +
      'checkpoint.sgan\n' });
  });

  it('refuses a config.json that is not a JSON object, naming it', async () => {
    const out = join(folder.path, 'run');
    await train(['--steps', '10', ...QUICK, '--out', out]);
    const config = join(out, 'config.json');
    for (const [json, held] of [['null', 'null'], ['[]', 'an array'], ['42', 'a number'],
      ['"str"', 'a string'], ['true', 'a boolean']]) {
      writeFileSync(config, json);
      expect(await train(['--resume', out])).toEqual({ code: 2, stderr: `simdgan: --resume ` +
        `${config}: is not a JSON object but ${held}; give the folder of a run that ` +
        'simdgan train wrote\n' });
      expect(await train(['--resume', out, '--data', 'mnist'])).toMatchObject({ code: 2 });
    }
  });

  it('stops on a non-finite value with one line, keeping the last checkpoint', async () => {
    const out = join(folder.path, 'run');
    const { gan } = fakeGan({ nonFiniteAt: 15 });
    const result = await train(['--steps', '25', ...QUICK, '--out', out], gan);
    expect(result).toEqual({ code: 2, stderr: 'simdgan: trainer: the discriminator loss ' +
      'is NaN at step 15; training stopped before the update (the last checkpoint is ' +
      'kept)\n' });
    expect(checkpointStep(out)).toBe(10);
    expect(read(out, 'generator.sgan')).toBe('FAKEGEN step=10');
    expect(steps(out)).toEqual([5, 10]);
  });

  it('says no checkpoint was written when a non-finite value comes before the first', async () => {
    const out = join(folder.path, 'run');
    const { gan } = fakeGan({ nonFiniteAt: 1 });
    const result = await train(['--steps', '25', ...QUICK, '--out', out], gan);
    const message = 'trainer: the discriminator loss is NaN at step 1; training stopped ' +
      'before the update (no checkpoint was written: the first is saved with the samples ' +
      'of step 10)';
    expect(result).toEqual({ code: 2, stderr: `simdgan: ${message}\n` });
    expect(existsSync(join(out, 'checkpoint.sgan'))).toBe(false);
    expect(JSON.parse(read(out, 'warnings.jsonl'))).toMatchObject(
      { step: 1, name: 'non-finite', message });
  });
});

describe('resumeBuild', () => {
  const run = (record: Record<string, unknown>): ResumeSource =>
    ({ folder: 'runs/a', checkpointPath: 'runs/a/checkpoint.sgan', bytes: new Uint8Array(),
      record });

  it('takes the build that ran (the backend), whatever was asked for then', () => {
    const auto = run({ build: 'auto', backend: 'wasm-relaxed' });
    expect(resumeBuild(auto, 'auto')).toBe('relaxed');
    expect(resumeBuild(auto, 'relaxed')).toBe('relaxed');
    expect(cliError(() => resumeBuild(auto, 'simd')).message).toBe('--resume runs/a: ' +
      "--build simd differs from the run's relaxed build; builds round differently, so the " +
      'resumed run would not be the one an unbroken run makes (give --build relaxed, or no ' +
      '--build)');
    expect(resumeBuild(run({ build: 'scalar' }), 'auto')).toBe('scalar');
    expect(cliError(() => resumeBuild(run({ build: 'scalar' }), 'simd')).code)
      .toBe('RESUME_MISMATCH');
    expect(resumeBuild(run({}), 'simd')).toBe('simd');
  });
});

describe('with the real library', () => {
  it('4 steps straight equal 2 steps and a resume of 2, bit for bit', async () => {
    const gan = (await import('@simdgan/gan')) as unknown as GanApi;
    const images = join(folder.path, 'images.idx');
    const pixels = Uint8Array.from({ length: 12 * 64 }, (_, i) => (i * 37) % 256);
    writeFileSync(images, Uint8Array.of(0, 0, 8, 3, 0, 0, 0, 12, 0, 0, 0, 8, 0, 0, 0, 8,
      ...pixels));
    const common = ['--data', images, '--batch-size', '4', '--base-filters', '4',
      '--latent-dim', '4', '--sample-every', '2', '--log-every', '1', '--threads', '1',
      '--ema', '0.5', '--minibatch-stddev'];
    const run = async (args: string[]) => {
      const { context, stderr }: { context: CliContext; stderr: { text: string } } =
        testContext(gan);
      expect(await runCli(['train', ...common, ...args], context)).toBe(0);
      expect(stderr.text).toBe('');
    };
    const straight = join(folder.path, 'straight');
    const split = join(folder.path, 'split');
    await run(['--steps', '4', '--out', straight]);
    await run(['--steps', '2', '--out', split]);
    const { context } = testContext(gan);
    expect(await runCli(['train', '--resume', split, '--steps', '4', '--threads', '1'],
      context)).toBe(0);
    expect(readFileSync(join(split, 'checkpoint.sgan')))
      .toEqual(readFileSync(join(straight, 'checkpoint.sgan')));
    expect(readFileSync(join(split, 'generator.sgan')))
      .toEqual(readFileSync(join(straight, 'generator.sgan')));
    const losses = (out: string) => read(out, 'metrics.jsonl').trim().split('\n')
      .map((line) => JSON.parse(line)).map(({ discriminatorLoss, generatorLoss }) =>
        [discriminatorLoss, generatorLoss]);
    expect(losses(split)).toEqual(losses(straight));
  });
});
