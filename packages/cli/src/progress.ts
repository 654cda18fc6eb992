import type { StepEvent } from '@simdgan/gan';
import cliProgress from 'cli-progress';

/** Where progress goes: a stream, with `isTTY` when it is a terminal. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * The figures of one trainer 'step' event (the library's StepEvent); the
 * gradient norms are optional so that older runs' records still print.
 */
export type StepFigures = Omit<StepEvent, GradientNorm> & Partial<Pick<StepEvent, GradientNorm>>;

type GradientNorm = 'generatorGradientNorm' | 'discriminatorGradientNorm';

/** What a finished (or stopped) run left behind. */
export interface RunSummary {
  step: number;
  steps: number;
  stopped: boolean;
  out: string;
  config: string;
  metrics: string;
  lastSample: string | undefined;
  generator: string;
}

/** Shows a run's progress; see {@link createProgress}. */
export interface Progress {
  /** Called for each trainer 'step' event. */
  step(figures: StepFigures): void;
  /** Called once at the end with the paths of the outputs. */
  finish(summary: RunSummary): void;
  /** Releases the terminal (cursor, bar) after success or failure. */
  close(): void;
}

const BAR_FORMAT =
  'train |{bar}| {value}/{total} steps | {speed} steps/s | ETA {eta_formatted} | ' +
  'D {discriminatorLoss} G {generatorLoss}';

/** Progress as a redrawn bar with speed, ETA and the current losses. */
class BarProgress implements Progress {
  private readonly bar: cliProgress.SingleBar;

  constructor(private readonly stream: OutputStream, total: number) {
    this.bar = new cliProgress.SingleBar(
      {
        // The cast is safe: a bar is only made when `stream` is a TTY stream.
        stream: stream as NodeJS.WritableStream,
        format: BAR_FORMAT,
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, { speed: '-', discriminatorLoss: '-', generatorLoss: '-' });
  }

  step(figures: StepFigures): void {
    const speed = figures.secondsPerStep > 0 ? 1 / figures.secondsPerStep : 0;
    this.bar.update(figures.step, {
      speed: speed.toFixed(speed < 10 ? 2 : 1),
      discriminatorLoss: figures.discriminatorLoss.toFixed(3),
      generatorLoss: figures.generatorLoss.toFixed(3),
    });
  }

  finish(summary: RunSummary): void {
    this.close();
    const verb = summary.stopped ? `stopped at step ${summary.step}` : 'done';
    const sample = summary.lastSample ? `samples:   ${summary.lastSample}\n` : '';
    this.stream.write(`${verb}\n${sample}generator: ${summary.generator}\n`);
  }

  close(): void {
    this.bar.stop();
  }
}

/** Progress as JSON lines, one per step event and a final "done" line. */
class JsonLinesProgress implements Progress {
  constructor(private readonly stream: OutputStream) {}

  step(figures: StepFigures): void {
    this.stream.write(`${JSON.stringify({ event: 'step', ...figures })}\n`);
  }

  finish(summary: RunSummary): void {
    this.stream.write(`${JSON.stringify({ event: 'done', ...summary })}\n`);
  }

  close(): void {}
}

/**
 * Progress of a run of `total` steps on `stream`. simdgan sends progress and
 * results to stdout and only errors to stderr: on a terminal a bar, when
 * piped JSON lines that a program can read.
 */
export function createProgress(stream: OutputStream, total: number): Progress {
  return stream.isTTY ? new BarProgress(stream, total) : new JsonLinesProgress(stream);
}
