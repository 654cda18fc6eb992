import { readFileSync } from 'node:fs';

import { Command, CommanderError } from 'commander';

import { parseSampleOptions, runSample, type RawSampleOptions } from './commands/sample.js';
import { parseTrainOptions, runTrain, type RawTrainOptions } from './commands/train.js';
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
  generator.sgan            the generator (updated at each sample event)

Progress goes to stdout: a bar on a terminal, JSON lines when piped.`;

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
    .description('train a DCGAN and write a run folder')
    .option('--data <source>', "'mnist' (bundled digits) or an IDX images file", 'mnist')
    .option('--labels <file>', 'IDX labels file for --data (optional)')
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
    .option('--build <build>', 'WebAssembly build: auto, relaxed, simd or scalar', 'auto')
    .option('--threads <n>', 'threads per kernel (default: the cores available)')
    .addHelpText('after', TRAIN_HELP)
    .action(async (raw: RawTrainOptions) => {
      setExit(await runTrain(parseTrainOptions(raw), context));
    });

  program
    .command('sample')
    .description('draw a grid of images from a generator file into a PNG')
    .requiredOption('--generator <file>', 'generator file written by train')
    .requiredOption('--out <file>', 'PNG file to write')
    .option('--count <n>', 'images in the grid (default: 64)')
    .option('--seed <n>', 'seed of the latent vectors (default: 0)')
    .option('--build <build>', 'WebAssembly build: auto, relaxed, simd or scalar', 'auto')
    .option('--threads <n>', 'threads per kernel (default: the cores available)')
    .action(async (raw: RawSampleOptions) => {
      setExit(await runSample(parseSampleOptions(raw), context));
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
