import { readFileSync } from 'node:fs';

import { Command, CommanderError } from 'commander';

import { parseEvalOptions, runEval, type RawEvalOptions } from './commands/eval.js';
import { parseSampleOptions, runSample, type RawSampleOptions } from './commands/sample.js';
import { parseTrainOptions, runTrain, type RawTrainOptions } from './commands/train.js';
import { LOSSES } from './commands/train-flags.js';
import type { CliContext } from './context.js';
import { oneLine, reportError } from './errors.js';

/** The version in the cli package's package.json (next to src/ and dist/). */
export function cliVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

const TRAIN_HELP = `
Writes into the run folder (--out):
  config.json               the full configuration, data source and build
  metrics.jsonl             one JSON line per step event
  samples/step-000100.png   a grid of samples at each sample event
  samples/scatter-step-000100.svg  real against generated points (2-D data)
  losses.svg, scores.svg, gradient-norms.svg, metrics.svg
                            charts over steps (updated at each sample event)
  generator.sgan            the generator (updated at each sample event)
  checkpoint.sgan           everything needed to continue (same events);
                            simdgan train --resume <dir> [--steps N] continues

Progress goes to stdout: a bar on a terminal, JSON lines when piped.`;

const SAMPLE_HELP = `
Formats (--format; without it, an --out ending in .csv means csv, in .idx or
-ubyte idx, anything else png):
  png         a grid of the images in one PNG
  idx         the images as an IDX file of bytes, [count, height, width(, channels)],
              v in [-1, 1] -> round((v + 1) * 127.5); labels of a conditional
              generator in <out without .idx>-labels.idx
  png-folder  <out>/000000.png, 000001.png, ... (and labels.csv: file,label)
  csv         2-D points: x,y (and label) per line, full float precision`;

const EVAL_HELP = `
Metrics (a table on a terminal, one JSON line when piped):
  ring, grid     modes covered (a mode with a sample within 3 deviations),
                 high-quality samples (%), KL(modes || uniform)
  mnist          classes covered, KL(classes || uniform), inception score and
                 Frechet distance to the 2,000 held-out digits, by the shipped
                 classifier (see the gan package's README)
  stacked-mnist  modes covered of 1000, KL(modes || uniform)
--real mnist gives the reference: the held-out digits' coverage and inception
score, and the Frechet distance of the 8,000 other digits to them.`;

/** Builds the `simdgan` command; `run` receives the exit code of the command. */
function buildProgram(context: CliContext, setExit: (code: number) => void): Command {
  const program = new Command('simdgan')
    .description('Train GANs on the CPU with WebAssembly SIMD, and sample from them.')
    .version(cliVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
      // Errors are printed once, as one line, by runCli.
      outputError: () => {},
    })
    .showSuggestionAfterError(true);

  program
    .command('train')
    .description('train a GAN (DCGAN or MLP) and write a run folder')
    .option('--data <source>', 'mnist (bundled digits), ring, grid, stacked-mnist, a folder of ' +
      'PNG/JPEG pictures (class subfolders: labels) or an IDX images file (default: mnist)')
    .option('--labels <file>', 'IDX labels file for --data (optional)')
    .option('--image-size <n>', 'side of the pictures of a folder, a multiple of 4 (default: 32)')
    .option('--channels <n>', 'pictures of a folder in 1 (gray) or 3 (RGB) channels (default: 3)')
    .option('--bad-files <rule>', 'unreadable pictures of a folder: refuse or skip ' +
      '(default: refuse)')
    .option('--steps <n>', 'training steps (default: 2000)')
    .option('--batch-size <n>', 'images per batch (default: 64)')
    .option('--latent-dim <n>', 'size of the latent vector (default: 100)')
    .option('--base-filters <n>', 'filters of the DCGAN layer next to the image (default: 64)')
    .option('--label-smoothing <x>', 'one-sided smoothing of real targets, in [0, 1) (default: 0)')
    .option('--lr-generator <x>', "generator's Adam learning rate (default: 0.0002)")
    .option('--lr-discriminator <x>', "discriminator's learning rate (default: 0.0002)")
    .option('--beta1 <x>', "Adam's beta1 for both networks, in [0, 1) (default: 0.5)")
    .option('--seed <n>', 'random seed, 0 to 4294967295 (default: 0)')
    .option('--out <dir>', 'run folder (default: runs/<date>T<time>)')
    .option('--sample-every <n>', 'steps between sample grids (default: 100)')
    .option('--log-every <n>', 'steps between step events (default: 10)')
    .option('--metrics-every <n>', 'steps between evaluations of mnist, stacked-mnist, ring ' +
      'and grid runs, 0 for none (default: --sample-every)')
    .option('--build <build>', 'WebAssembly build: auto, relaxed, simd or scalar', 'auto')
    .option('--threads <n>', 'threads per kernel (default: the cores available; 1 for ring ' +
      'and grid)')
    .option('--model <name>',
      'dcgan (square images) or mlp (2-D points or images) (default: dcgan)')
    .option('--conditional', 'class-conditional G and D, on the data set\'s labels')
    .option('--loss <name>', `${LOSSES.join(', ')} (default: non-saturating)`)
    .option('--hidden-units <n>', 'units of each hidden layer of the mlp model (default: 128)')
    .option('--feature-matching', 'train G to match the mean of D\'s features on real data')
    .option('--minibatch-stddev', 'give D the batch\'s standard deviation as a feature')
    .option('--spectral-norm', 'spectrally normalise D\'s weights')
    .option('--critic-steps <n>', 'discriminator steps per generator step (default: 1)')
    .option('--instance-noise <x>', 'std of noise on D\'s inputs, annealed to 0 (default: 0)')
    .option('--ema <x>', 'decay of a moving average of G for samples, in [0, 1) (default: 0)')
    .option('--clip <x>', 'weight clipping bound of wasserstein-clip (default: 0.01)')
    .option('--gradient-penalty <x>', 'lambda of wasserstein-gp (default: 10)')
    .option('--resume <dir>', 'continue the run in <dir> from its checkpoint.sgan')
    .addHelpText('after', TRAIN_HELP)
    .action(async (raw: RawTrainOptions) => {
      setExit(await runTrain(parseTrainOptions(raw), context));
    });

  program
    .command('sample')
    .description('draw samples from a generator file: a PNG grid, IDX, PNG files or CSV')
    // Required, but checked by parseSampleOptions: see requireOption.
    .option('--generator <file>', 'generator file written by train (required)')
    .option('--out <path>', 'file to write, a folder for png-folder (required)')
    .option('--format <format>', 'png, idx, png-folder or csv (default: from --out, else png)')
    .option('--count <n>', 'samples: up to 10000 in a grid, 100000 otherwise (default: 64)')
    .option('--seed <n>', 'seed of the latent vectors (default: 0)')
    .option('--build <build>', 'WebAssembly build: auto, relaxed, simd or scalar', 'auto')
    .option('--threads <n>', 'threads per kernel (default: the cores available)')
    .addHelpText('after', SAMPLE_HELP)
    .action(async (raw: RawSampleOptions) => {
      setExit(await runSample(parseSampleOptions(raw), context));
    });

  program
    .command('eval')
    .description('measure a generator: mode coverage, inception score, Frechet distance')
    .option('--generator <file>', 'generator file written by train')
    .option('--real <data>', 'measure real data instead: ring, grid, mnist or stacked-mnist')
    .option('--data <data>', 'ring, grid, mnist or stacked-mnist (default: from the samples\' ' +
      'shape; 2-D points need ring or grid)')
    .option('--count <n>', 'samples (default: 2500 for ring and grid, 10000 for mnist, ' +
      '25600 for stacked-mnist)')
    .option('--seed <n>', 'seed of the latent vectors or of the real draws (default: 0)')
    .option('--build <build>', 'WebAssembly build: auto, relaxed, simd or scalar', 'auto')
    .option('--threads <n>', 'threads per kernel (default: the cores available)')
    .addHelpText('after', EVAL_HELP)
    .action(async (raw: RawEvalOptions) => {
      setExit(await runEval(parseEvalOptions(raw), context));
    });

  return program;
}

/**
 * Runs the `simdgan` command line `args` (without node and the script) and
 * returns its exit code: 0 on success, 2 for a mistake of the user (one line
 * `simdgan: ...` on stderr), 1 for an internal error, 130 when training was
 * stopped by Ctrl-C.
 */
export async function runCli(args: string[], context: CliContext): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(context, (code) => (exitCode = code));
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      if (error.code === 'commander.help') return 2;
      // Commander words it as "error: ...", with a suggestion on a second line.
      const message = oneLine(error.message.replace(/^error: /, '')).replace(
        /\(Did you mean/,
        '(did you mean',
      );
      context.stderr.write(`simdgan: ${message}\n`);
      return 2;
    }
    const report = reportError(error, context.env.SIMDGAN_DEBUG === '1');
    context.stderr.write(report.text);
    return report.exitCode;
  }
}
