/**
 * Matrix products C[m, n] = A[m, k] B[k, n]: square sizes 128 to 1024 and
 * the DCGAN generator's dense layer (a batch of 64 latents of 100 values to
 * 7 x 7 x 128 = 6272 features). Declared FLOPs: 2 m n k.
 *
 * Competitors, in this process: simdgan (each build, and each thread count
 * where the engine has threads), tfjs-backend-wasm, tfjs-backend-cpu (small
 * cases only), onnxruntime-web with 1 and 2 threads, onnxruntime-node.
 *
 * Run alone: node bench/suites/matmul.mjs [--quick]
 */
import {
  log, measure, measureRounds, relativeDifference, Report, suiteArgs,
} from '../lib/harness.mjs';
import { singleNodeModel } from '../lib/onnx-model.mjs';
import { loadOrtNode, measureOrtNode, measureOrtWeb } from '../lib/ort.mjs';
import { uniformArray } from '../lib/random.mjs';
import { allocateAll, createSimdganEngines, disposeAll } from '../lib/simdgan.mjs';
import { tfjsVariant, useTfjs } from '../lib/tfjs.mjs';

const SHAPES = [
  { m: 128, k: 128, n: 128 },
  { m: 256, k: 256, n: 256 },
  { m: 512, k: 512, n: 512 },
  { m: 1024, k: 1024, n: 1024 },
  { m: 64, k: 100, n: 6272, what: 'generator dense layer' },
];

/**
 * tfjs-backend-cpu is hundreds of times slower than the others: it runs
 * only on cases up to this many FLOPs (128, 256 and the dense layer).
 */
const TFJS_CPU_MAX_FLOPS = 1e8;

/** Thread counts of onnxruntime-web and onnxruntime-node. */
const ORT_THREADS = [1, 2];

/** Interleaved rounds of simdgan's vector-build variants. */
const ROUNDS = 6;

const options = suiteArgs();
const report = new Report('matmul', 'Matrix product C[m, n] = A[m, k] B[k, n]', options);

/** Every implementation on one shape; outputs are checked against tfjs-backend-wasm. */
async function runShape(shape, competitors) {
  const { m, k, n } = shape;
  const base = {
    group: `${m}x${k} by ${k}x${n}${shape.what ? ` (${shape.what})` : ''}`,
    shape: `[${m}, ${k}] x [${k}, ${n}]`,
    flops: 2 * m * n * k,
  };
  const a = uniformArray(m * k, 1);
  const b = uniformArray(k * n, 2);
  const outputs = [];
  const record = (implementation, variant, timing) => {
    report.add({ ...base, implementation, variant, timing });
    outputs.push({ row: report.rows.at(-1), output: timing.output });
  };

  // The vector builds' variants in interleaved rounds: their ratios (two threads over one,
  // relaxed over simd) are measured under the same phases of the machine. Scalar alone.
  const rounded = competitors.engines.filter(({ build }) => build !== 'scalar');
  await report.guard({ ...base, implementation: 'simdgan', variant: 'vector builds' },
    async () => {
      const allBuffers = rounded.map(({ engine }) => allocateAll(engine, { a, b, c: m * n }));
      const ops = rounded.map(({ engine }, index) => {
        const { a: pa, b: pb, c: pc } = allBuffers[index].pointers;
        return () => engine.matmul(pa, pb, pc, m, n, k, false, false);
      });
      const timings = await measureRounds(ops, { ...options, rounds: ROUNDS });
      for (const [index, { engine, variant }] of rounded.entries()) {
        timings[index].output = engine.read(allBuffers[index].pointers.c, m * n);
        record('simdgan', variant, timings[index]);
      }
      for (const buffers of allBuffers) buffers.free();
    });
  for (const { engine, variant } of competitors.engines.filter((e) => !rounded.includes(e))) {
    await report.guard({ ...base, implementation: 'simdgan', variant }, async () => {
      const buffers = allocateAll(engine, { a, b, c: m * n });
      const { a: pa, b: pb, c: pc } = buffers.pointers;
      const timing = await measure(
        () => engine.matmul(pa, pb, pc, m, n, k, false, false), options);
      timing.output = engine.read(pc, m * n);
      buffers.free();
      record('simdgan', variant, timing);
    });
  }

  for (const backend of ['wasm', 'cpu']) {
    const implementation = `tfjs-backend-${backend}`;
    if (backend === 'cpu' && base.flops > TFJS_CPU_MAX_FLOPS) {
      report.skip({ ...base, implementation, variant: 'JavaScript, 1 thread',
        status: 'skipped', reason: 'hundreds of times slower; measured on small cases only' });
      continue;
    }
    await report.guard({ ...base, implementation, variant: backend }, async () => {
      const tf = await useTfjs(backend);
      const ta = tf.tensor2d(a, [m, k]);
      const tb = tf.tensor2d(b, [k, n]);
      const timing = await measure(() => tf.matMul(ta, tb).dispose(), options);
      const c = tf.matMul(ta, tb);
      timing.output = c.dataSync();
      tf.dispose([ta, tb, c]);
      record(implementation, tfjsVariant(backend), timing);
    });
  }

  const model = singleNodeModel({
    opType: 'MatMul',
    inputs: [{ name: 'a', shape: [m, k] }, { name: 'b', shape: [k, n] }],
    output: { name: 'c', shape: [m, n] },
  });
  const inputs = [{ name: 'a', data: a, shape: [m, k] }, { name: 'b', data: b, shape: [k, n] }];
  for (const threads of ORT_THREADS) {
    const variant = `simd, ${threads} thread${threads === 1 ? '' : 's'}`;
    await report.guard({ ...base, implementation: 'onnxruntime-web', variant }, async () => {
      const timing = await measureOrtWeb(threads, 'matmul', model, inputs, options);
      record('onnxruntime-web', variant, timing);
    });
  }
  for (const threads of ORT_THREADS) {
    const variant = `native, ${threads} thread${threads === 1 ? '' : 's'}`;
    if (!competitors.ortNode) {
      report.skip({ ...base, implementation: 'onnxruntime-node', variant,
        status: 'missing', reason: competitors.ortNodeMissing });
      continue;
    }
    await report.guard({ ...base, implementation: 'onnxruntime-node', variant }, async () => {
      const timing = await measureOrtNode(competitors.ortNode, model, inputs, threads, options);
      record('onnxruntime-node', variant, timing);
    });
  }

  const reference = outputs.find(({ row }) => row.implementation === 'tfjs-backend-wasm')
    ?? outputs[0];
  for (const { row, output } of outputs) {
    row.difference = relativeDifference(output, reference.output);
  }
}

async function main() {
  const { engines, threaded } = await createSimdganEngines();
  report.builds = engines.map(({ variant }) => variant);
  if (!threaded) report.note('simdgan ran on 1 thread: createEngine has no threads option yet.');
  const { ort: ortNode, reason: ortNodeMissing } = await loadOrtNode();
  const competitors = { engines, ortNode, ortNodeMissing };

  for (const shape of SHAPES) {
    log(`matmul ${shape.m}x${shape.k} by ${shape.k}x${shape.n}`);
    await runShape(shape, competitors);
  }

  report.note('simdgan and tfjs are timed on inputs already in their memory; onnxruntime ' +
    'copies the inputs in and the output out on every run, as its run() API does.');
  report.note('onnxruntime-web runs in worker threads of this process, one per thread count ' +
    '(it fixes its thread count when its WebAssembly module starts).');
  report.note('difference: max |C - C_ref| / max |C_ref| against tfjs-backend-wasm.');
  report.note(`simdgan's relaxed and simd variants are timed in ${ROUNDS} interleaved rounds ` +
    '(each variant in turn, six times over), so that their ratios to each other come from ' +
    'the same moments; scalar and the other libraries alone, one after another.');
  disposeAll(engines);
  report.write(options.out);
}

await main();
// onnxruntime-node keeps native thread pools alive; nothing else is pending.
process.exit(0);
