import { describe, expect, it } from 'vitest';

import { CliError } from '../errors.js';
import { runCli } from '../program.js';
import { fakeGan, temporaryFolder, testContext } from '../test/fake-gan.js';
import { parseTrainOptions, type RawTrainOptions } from './train.js';

function refusal(raw: RawTrainOptions): string {
  try {
    parseTrainOptions(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as CliError).message;
  }
  throw new Error('expected a refusal');
}

describe('model, loss and remedy flags', () => {
  it('turn into the library\'s configuration fields', () => {
    const options = parseTrainOptions({
      model: 'mlp', conditional: true, loss: 'wasserstein-gp', hiddenUnits: '64',
      featureMatching: true, minibatchStddev: true, spectralNorm: true,
      criticSteps: '5', instanceNoise: '0.1', ema: '0.999', gradientPenalty: '5',
    });
    expect(options.config).toMatchObject({
      model: 'mlp', conditional: true, loss: 'wasserstein-gp', hiddenUnits: 64,
      featureMatching: true, minibatchStdDev: true, spectralNorm: true, criticSteps: 5,
      instanceNoise: 0.1, emaDecay: 0.999, gradientPenalty: 5,
    });
    expect(parseTrainOptions({ loss: 'wasserstein-clip', clip: '0.02' }).config)
      .toMatchObject({ loss: 'wasserstein-clip', clipValue: 0.02 });
  });

  it.each([
    [{ model: 'gan' }, "--model: expected one of dcgan, mlp, got 'gan'"],
    [{ loss: 'vanilla' }, '--loss: expected one of minimax, non-saturating, ' +
      'least-squares, hinge, wasserstein-clip, wasserstein-gp, relativistic-average, ' +
      "got 'vanilla'"],
    [{ criticSteps: '0' }, "--critic-steps: expected a whole number from 1 to 100, got '0'"],
    [{ ema: '1' }, "--ema: expected a number >= 0 and < 1, got '1'"],
    [{ instanceNoise: '-0.1' }, "--instance-noise: expected a number >= 0, got '-0.1'"],
    [{ loss: 'wasserstein-clip', clip: '0' }, "--clip: expected a number > 0, got '0'"],
    [{ clip: '0.01' }, '--clip: only used with --loss wasserstein-clip'],
    [{ loss: 'hinge', gradientPenalty: '10' },
      '--gradient-penalty: only used with --loss wasserstein-gp'],
    [{ hiddenUnits: '64' },
      '--hidden-units: only used with --model mlp, not with --model dcgan'],
    [{ model: 'dcgan', hiddenUnits: '64' },
      '--hidden-units: only used with --model mlp, not with --model dcgan'],
    [{ model: 'mlp', baseFilters: '32' },
      '--base-filters: only used with --model dcgan, not with --model mlp'],
    [{ data: 'ring', baseFilters: '32' }, '--base-filters: only used with --model dcgan, ' +
      'not with --model mlp (the model of --data ring)'],
    [{ loss: 'hinge', labelSmoothing: '0.1' }, '--label-smoothing: has no meaning for ' +
      '--loss hinge; use it with minimax, non-saturating, least-squares, ' +
      'relativistic-average'],
    [{ resume: 'runs/a', out: 'runs/b' },
      '--out: not used with --resume; the run continues in runs/a'],
  ])('refuses %j naming the flag', (raw, message) => {
    expect(refusal(raw)).toBe(message);
  });

  it('a resumed run takes no command defaults and, without --data, the run\'s data', () => {
    expect(parseTrainOptions({ resume: 'runs/a' })).toMatchObject(
      { resume: 'runs/a', dataFromRun: true, config: {} });
    expect(parseTrainOptions({ resume: 'runs/a', steps: '50', data: 'x.idx' }))
      .toMatchObject({ dataFromRun: false, config: { steps: 50 } });
  });

  it('reach the trainer; without them the run is the plain DCGAN one', async () => {
    const folder = temporaryFolder();
    try {
      const { gan, calls } = fakeGan();
      const { context } = testContext(gan);
      const args = ['train', '--steps', '2', '--out'];
      expect(await runCli([...args, `${folder.path}/a`], context)).toBe(0);
      expect(calls.configs[0]).toMatchObject({ model: 'dcgan', loss: 'non-saturating',
        conditional: false, featureMatching: false, minibatchStdDev: false,
        spectralNorm: false, criticSteps: 1, instanceNoise: 0, emaDecay: 0 });
      const remedies = ['--loss', 'hinge', '--spectral-norm', '--critic-steps', '2'];
      expect(await runCli([...args, `${folder.path}/b`, ...remedies], context)).toBe(0);
      expect(calls.configs[1]).toMatchObject({ loss: 'hinge', spectralNorm: true,
        criticSteps: 2 });
    } finally {
      folder.remove();
    }
  });
});
