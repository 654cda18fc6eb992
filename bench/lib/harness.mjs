/**
 * What every suite shares: its command line, timing one operation with
 * tinybench, and the rows it reports (time per op, GFLOP/s from a declared
 * FLOP count, ratio to simdgan's best on the same case).
 */
import { writeFileSync } from 'node:fs';
import { Bench } from 'tinybench';

/**
 * Timing budgets. A task runs until it has `minIterations` samples and
 * `timeMs` has passed, except that a slow op is cut to what `maxTaskMs`
 * allows (but never below `floorIterations`), so the full run takes about
 * 7 minutes on two cores (8 under other load) and `--quick` about 2 (3).
 */
const BUDGETS = {
  full: { timeMs: 1500, minIterations: 5, maxTaskMs: 9000, floorIterations: 3 },
  quick: { timeMs: 150, minIterations: 2, maxTaskMs: 800, floorIterations: 1 },
};

/**
 * The suite's options from argv: `--quick` and `--out FILE` (the JSON the
 * runner collects; without it the suite prints its rows as a table).
 * @returns {{quick: boolean, out: string | undefined}}
 */
export function suiteArgs(argv = process.argv.slice(2)) {
  const outIndex = argv.indexOf('--out');
  return {
    quick: argv.includes('--quick'),
    out: outIndex >= 0 ? argv[outIndex + 1] : undefined,
  };
}

/** A line of progress on stderr, so stdout stays free for the result. */
export function log(message) {
  process.stderr.write(`  ${message}\n`);
}

/**
 * Times `fn` (sync or async) with tinybench. One untimed call comes first:
 * it warms the code up, sizes the iteration count, and its return value
 * (the op's output, for the agreement check) is handed back.
 * @param {() => unknown} fn one operation
 * @param {{quick: boolean, maxTaskMs?: number, floorIterations?: number}} options
 *   the mode, and overrides of its budget for ops that need their own
 * @returns {Promise<{meanMs: number, p50Ms: number, samples: number, output: unknown}>}
 */
export async function measure(fn, { quick, ...overrides }) {
  const budget = { ...(quick ? BUDGETS.quick : BUDGETS.full), ...overrides };
  const start = performance.now();
  const output = await fn();
  const firstMs = performance.now() - start;

  const affordable = Math.floor(budget.maxTaskMs / Math.max(firstMs, 1e-3));
  const iterations = Math.max(budget.floorIterations,
    Math.min(budget.minIterations, affordable));
  const slow = firstMs * budget.minIterations > budget.maxTaskMs;
  const bench = new Bench({
    time: slow ? 0 : budget.timeMs,
    iterations,
    // The untimed call above already warmed a slow op; fast ones get more.
    warmup: !slow,
    warmupIterations: 3,
    warmupTime: quick ? 20 : 100,
    throws: true,
  });
  bench.add('op', fn);
  await bench.run();

  const { latency } = bench.tasks[0].result;
  return {
    meanMs: latency.mean,
    p50Ms: latency.p50,
    samples: latency.samplesCount,
    output,
  };
}

/**
 * Times several fast ops in interleaved rounds (each op `timeMs / rounds` per
 * round, the ops one after another, `rounds` times), so that a slow phase of
 * a shared machine falls on all of them rather than on whichever ran then.
 * Each op gets one untimed call first, like measure. The median is over all
 * of an op's samples.
 * @param {Array<() => unknown>} fns
 * @param {{quick: boolean, rounds?: number}} options
 * @returns {Promise<Array<{meanMs: number, p50Ms: number, samples: number, output: unknown}>>}
 */
export async function measureRounds(fns, { quick, rounds = 6 }) {
  const budget = quick ? BUDGETS.quick : BUDGETS.full;
  const outputs = [];
  for (const fn of fns) outputs.push(await fn());
  const samples = fns.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, fn] of fns.entries()) {
      const bench = new Bench({
        time: budget.timeMs / rounds,
        iterations: 1,
        warmup: round === 0,
        warmupIterations: 3,
        warmupTime: quick ? 20 : 100,
        retainSamples: true,
        throws: true,
      });
      bench.add('op', fn);
      await bench.run();
      samples[index].push(...bench.tasks[0].result.latency.samples);
    }
  }
  return samples.map((times, index) => {
    const sorted = [...times].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return {
      meanMs: times.reduce((sum, time) => sum + time, 0) / times.length,
      p50Ms: sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2,
      samples: times.length,
      output: outputs[index],
    };
  });
}

/**
 * The largest |a - b| over the largest |b|: how far an output is from the
 * reference output, relative to its scale. 1e-4 is float32 rounding on
 * these sizes; 1e-2 or more means a different result.
 * @param {ArrayLike<number>} actual
 * @param {ArrayLike<number>} expected
 */
export function relativeDifference(actual, expected) {
  if (actual.length !== expected.length) return Infinity;
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    difference = Math.max(difference, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return scale === 0 ? difference : difference / scale;
}

/**
 * Collects the rows of one suite. A row is one implementation on one case
 * (`group`, e.g. 'matmul 256x256x256' or 'conv2 filter gradient').
 */
export class Report {
  /** @param {string} suite @param {string} title @param {{quick: boolean}} options */
  constructor(suite, title, { quick }) {
    this.suite = suite;
    this.title = title;
    this.quick = quick;
    this.notes = [];
    this.rows = [];
    this.builds = [];
    this.started = new Date().toISOString();
  }

  /** A sentence printed under the suite's table. */
  note(text) {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /**
   * Records a measured row.
   * @param {object} row
   * @param {string} row.group the case, the same for every implementation of it
   * @param {string} row.shape shape of the case, in the implementation's own layout
   * @param {number} row.flops declared floating-point operations of one op
   * @param {string} row.implementation e.g. 'simdgan', 'tfjs-backend-wasm'
   * @param {string} row.variant build and threads, e.g. 'simd, 1 thread'
   * @param {{meanMs: number, p50Ms: number, samples: number}} row.timing
   * @param {number} [row.difference] relativeDifference to the case's reference
   * @param {string} [row.note] a remark for the row's note column
   * @param {number} [row.matmulShare] GFLOP/s over simdgan's matmul reference
   *   measured in the same rounds, on the same engine
   */
  add({ group, shape, flops, implementation, variant, timing, difference, note, matmulShare }) {
    const { meanMs, p50Ms, samples } = timing;
    this.rows.push({
      group, shape, flops, implementation, variant, status: 'ok',
      meanMs, p50Ms, samples,
      gflops: flops / (p50Ms * 1e6),
      difference: difference ?? null,
      ratio: null,
      ...(note === undefined ? {} : { note }),
      ...(matmulShare === undefined ? {} : { matmulShare }),
    });
    const share = matmulShare === undefined
      ? '' : `, ${(100 * matmulShare).toFixed(0)}% of its matmul`;
    log(`${group} | ${implementation} (${variant}): ${p50Ms.toFixed(3)} ms (p50), ` +
      `${(flops / (p50Ms * 1e6)).toFixed(2)} GFLOP/s${share}`);
  }

  /** Records a row that did not run: status 'missing', 'skipped' or 'error'. */
  skip({ group, shape, flops, implementation, variant, status, reason }) {
    this.rows.push({
      group, shape, flops, implementation, variant, status, reason,
      meanMs: null, p50Ms: null, samples: 0, gflops: null, difference: null, ratio: null,
    });
    log(`${group} | ${implementation} (${variant}): ${status}: ${reason}`);
  }

  /**
   * Runs `body` and records an 'error' row if it throws, so that one broken
   * competitor does not end the suite.
   */
  async guard(row, body) {
    try {
      await body();
    } catch (error) {
      const reason = String(error?.message ?? error).split('\n')[0];
      this.skip({ ...row, status: 'error', reason });
    }
  }

  /**
   * Fills each row's ratio: its median time over the median time of simdgan's
   * fastest variant in the same group. Above 1: slower than simdgan's best.
   */
  finish() {
    const best = new Map();
    for (const row of this.rows) {
      if (row.implementation !== 'simdgan' || row.status !== 'ok') continue;
      const current = best.get(row.group);
      if (current === undefined || row.p50Ms < current) best.set(row.group, row.p50Ms);
    }
    for (const row of this.rows) {
      const reference = best.get(row.group);
      if (row.status === 'ok' && reference !== undefined) row.ratio = row.p50Ms / reference;
    }
    return {
      suite: this.suite,
      title: this.title,
      quick: this.quick,
      started: this.started,
      finished: new Date().toISOString(),
      builds: this.builds,
      notes: this.notes,
      rows: this.rows,
    };
  }

  /** Writes the result for the runner, or prints it when run alone. */
  write(out) {
    const result = this.finish();
    if (out) {
      writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    console.table(result.rows.map((row) => ({
      case: row.group,
      implementation: `${row.implementation} (${row.variant})`,
      'mean ms': row.meanMs?.toFixed(3) ?? row.status,
      'GFLOP/s': row.gflops?.toFixed(2) ?? '',
      ratio: row.ratio?.toFixed(2) ?? '',
    })));
  }
}
