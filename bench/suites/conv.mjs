/**
 * The DCGAN's convolutions on MNIST at batch 64, 5x5 filters, stride 2,
 * 'same' padding: the discriminator's two convolutions, each forward and
 * both gradients, and the generator's transposed convolution
 * 7x7x128 -> 14x14x64. Declared FLOPs of every pass:
 * 2 * batch * outHeight * outWidth * outChannels * filterHeight * filterWidth * inChannels
 * of the forward convolution it belongs to.
 *
 * Competitors, in this process: simdgan (each build and thread count),
 * tfjs-backend-wasm (no filter-gradient kernel: reported as missing, and
 * measured with the bench's im2col kernel), tfjs-backend-cpu (small cases),
 * onnxruntime-web and onnxruntime-node for what inference runtimes have:
 * Conv, and ConvTranspose for the input gradient (NCHW).
 *
 * Run alone: node bench/suites/conv.mjs [--quick]
 */
import { conv2dGeometry, conv2dTransposeGeometry } from '@simdgan/core-wasm';
import {
  log, measure, measureRounds, relativeDifference, Report, suiteArgs,
} from '../lib/harness.mjs';
import { filterToOnnxConv, nchwToNhwc, nhwcToNchw } from '../lib/layout.mjs';
import { singleNodeModel } from '../lib/onnx-model.mjs';
import { loadOrtNode, measureOrtNode, measureOrtWeb } from '../lib/ort.mjs';
import { uniformArray } from '../lib/random.mjs';
import { allocateAll, createSimdganEngines, disposeAll } from '../lib/simdgan.mjs';
import { conv2dBackpropFilterIm2col } from '../lib/tfjs-conv2d-backprop-filter.mjs';
import { hasKernel, tfjsVariant, useTfjs } from '../lib/tfjs.mjs';

const STRIDE = 2;

/**
 * Each case is a forward convolution x [batch, inHeight, inWidth, inChannels]
 * * filter [5, 5, inChannels, outChannels] -> y; `passes` says which of its
 * kernels run. The transposed convolution is the input-gradient kernel of
 * its forward convolution, named as the generator uses it.
 */
const CASES = [
  {
    name: 'discriminator conv1',
    input: [64, 28, 28, 1],
    filter: [5, 5, 1, 64],
    passes: ['forward', 'input gradient', 'filter gradient'],
  },
  {
    name: 'discriminator conv2',
    input: [64, 14, 14, 64],
    filter: [5, 5, 64, 128],
    passes: ['forward', 'input gradient', 'filter gradient'],
  },
  {
    name: 'generator conv2dTranspose',
    transposed: true,
    input: [64, 14, 14, 64],
    filter: [5, 5, 64, 128],
    passes: ['input gradient'],
  },
];

/** tfjs-backend-cpu runs only on passes up to this many FLOPs (conv1's). */
const TFJS_CPU_MAX_FLOPS = 1e8;

const ORT_THREADS = [1, 2];

/**
 * The matrix product each relaxed-build pass is measured against, on the
 * same engine and in the same interleaved rounds (measureRounds): the
 * issue's "share of our matmul" then compares like with like, whatever the
 * machine's phase.
 */
const MATMUL_SIZE = 512;

/** Interleaved rounds of the best build's rows and their matmul reference. */
const ROUNDS = 6;

const options = suiteArgs();
const report = new Report('conv', 'DCGAN convolutions (batch 64, 5x5, stride 2, same)', options);

const size = (shape) => shape.reduce((product, value) => product * value, 1);
const threadsLabel = (threads) => `${threads} thread${threads === 1 ? '' : 's'}`;

/** TensorFlow's 'same' padding of one axis: [before, after], the smaller half first. */
function samePadding(inSize, filterSize, stride) {
  const outSize = Math.ceil(inSize / stride);
  const total = Math.max((outSize - 1) * stride + filterSize - inSize, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** The row label and shapes of one pass of one case. */
function describe(testCase, pass, outputShape) {
  const { input, filter } = testCase;
  const x = input.join('x');
  const y = outputShape.join('x');
  const f = filter.join('x');
  if (testCase.transposed) {
    return { group: `${testCase.name}: ${y} -> ${x}`, shape: `${y} by ${f} -> ${x}` };
  }
  const shapes = {
    forward: `${x} by ${f} -> ${y}`,
    'input gradient': `dy ${y} by ${f} -> dx ${x}`,
    'filter gradient': `x ${x}, dy ${y} -> dfilter ${f}`,
  };
  return { group: `${testCase.name} ${pass}`, shape: shapes[pass] };
}

/** simdgan's kernel of a pass, on pointers of one engine. */
function simdganPass(engine, pass, p, geometry) {
  if (pass === 'forward') return () => engine.conv2d(p.x, p.filter, p.out, geometry);
  if (pass === 'input gradient') {
    return () => engine.conv2dBackpropInput(p.dy, p.filter, p.out, geometry);
  }
  return () => engine.conv2dBackpropFilter(p.x, p.dy, p.out, geometry);
}

async function runPass(testCase, pass, data, competitors) {
  const { input, filter } = testCase;
  const geometry = testCase.transposed
    ? conv2dTransposeGeometry(data.outputShape, filter, input, { strides: STRIDE, padding: 'same' })
    : conv2dGeometry(input, filter, { strides: STRIDE, padding: 'same' });
  const { batch, outHeight, outWidth, outChannels, inChannels } = geometry;
  const flops = 2 * batch * outHeight * outWidth * outChannels *
    geometry.filterHeight * geometry.filterWidth * inChannels;
  const base = { ...describe(testCase, pass, data.outputShape), flops };
  const resultLength = { forward: size(data.outputShape), 'input gradient': size(input),
    'filter gradient': size(filter) }[pass];
  const outputs = [];
  const record = (implementation, variant, timing, extra = {}) => {
    report.add({ ...base, implementation, variant, timing, ...extra });
    outputs.push({ row: report.rows.at(-1), output: timing.output });
  };

  // The best build (relaxed where it runs) in rounds with its matmul reference; others alone.
  const rounded = competitors.engines.filter(({ engine }) => competitors.matmuls.has(engine));
  const roundedRow = { ...base, implementation: 'simdgan', variant: rounded[0]?.build };
  await report.guard(roundedRow, async () => {
    const allBuffers = rounded.map(({ engine }) => allocateAll(engine, {
      x: data.x, filter: data.filter, dy: data.dy, out: resultLength,
    }));
    const ops = rounded.flatMap(({ engine }, index) => [
      simdganPass(engine, pass, allBuffers[index].pointers, geometry),
      competitors.matmuls.get(engine),
    ]);
    const timings = await measureRounds(ops, { ...options, rounds: ROUNDS });
    for (const [index, { engine, variant }] of rounded.entries()) {
      const timing = timings[2 * index];
      const matmul = timings[2 * index + 1];
      timing.output = engine.read(allBuffers[index].pointers.out, resultLength);
      const matmulRate = 2 * MATMUL_SIZE ** 3 / (matmul.p50Ms * 1e6);
      const matmulShare = flops / timing.p50Ms / (2 * MATMUL_SIZE ** 3 / matmul.p50Ms);
      record('simdgan', variant, timing, {
        matmulShare,
        note: `${(100 * matmulShare).toFixed(0)}% of matmul ${MATMUL_SIZE} on this engine in ` +
          `the same rounds (${matmulRate.toFixed(1)} GFLOP/s)`,
      });
    }
    for (const buffers of allBuffers) buffers.free();
  });
  for (const { engine, variant } of competitors.engines.filter((e) => !rounded.includes(e))) {
    await report.guard({ ...base, implementation: 'simdgan', variant }, async () => {
      const buffers = allocateAll(engine, {
        x: data.x, filter: data.filter, dy: data.dy, out: resultLength,
      });
      const timing = await measure(simdganPass(engine, pass, buffers.pointers, geometry), options);
      timing.output = engine.read(buffers.pointers.out, resultLength);
      buffers.free();
      record('simdgan', variant, timing);
    });
  }

  for (const backend of ['wasm', 'cpu']) {
    await runTfjs(backend, pass, base, data, testCase, record);
  }

  if (pass !== 'filter gradient') {
    await runOrt(pass, base, data, testCase, competitors, record);
  }

  const reference = outputs.find(({ row }) => row.implementation.startsWith('tfjs'))
    ?? outputs[0];
  for (const { row, output } of outputs) {
    row.difference = relativeDifference(output, reference.output);
  }
}

async function runTfjs(backend, pass, base, data, testCase, record) {
  const implementation = `tfjs-backend-${backend}`;
  if (backend === 'cpu' && base.flops > TFJS_CPU_MAX_FLOPS) {
    report.skip({ ...base, implementation, variant: 'JavaScript, 1 thread', status: 'skipped',
      reason: 'hundreds of times slower; measured on the small case only' });
    return;
  }
  const tf = await useTfjs(backend);
  const variant = tfjsVariant(backend);
  const { input, filter } = testCase;
  const x = tf.tensor4d(data.x, input);
  const f = tf.tensor4d(data.filter, filter);
  const dy = tf.tensor4d(data.dy, data.outputShape);
  const ops = [];
  if (pass === 'forward') {
    ops.push({ variant, op: () => tf.conv2d(x, f, STRIDE, 'same') });
  } else if (pass === 'input gradient') {
    // tf.conv2dTranspose is the Conv2DBackpropInput kernel.
    ops.push({ variant, op: () => tf.conv2dTranspose(dy, f, input, STRIDE, 'same') });
  } else {
    if (hasKernel('Conv2DBackpropFilter', backend)) {
      ops.push({ variant, op: () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy },
        { strides: STRIDE, pad: 'same', dataFormat: 'NHWC', filterShape: filter }) });
    } else {
      report.skip({ ...base, implementation, variant, status: 'missing',
        reason: `${implementation} ${tf.version_core} has no Conv2DBackpropFilter kernel` });
    }
    if (backend === 'wasm') {
      ops.push({ variant: `${variant}, bench im2col kernel`,
        op: () => conv2dBackpropFilterIm2col(x, dy, filter, STRIDE, 'same') });
    }
  }
  for (const { variant: label, op } of ops) {
    await report.guard({ ...base, implementation, variant: label }, async () => {
      const timing = await measure(() => op().dispose(), options);
      const result = op();
      timing.output = result.dataSync();
      result.dispose();
      record(implementation, label, timing);
    });
  }
  tf.dispose([x, f, dy]);
}

/** ONNX Conv (forward) or ConvTranspose (input gradient), NCHW. */
function onnxModel(pass, testCase, outputShape) {
  const [batch, height, width, channels] = testCase.input;
  const [filterHeight, filterWidth, , outChannels] = testCase.filter;
  const [outBatch, outHeight, outWidth] = outputShape;
  const [top, bottom] = samePadding(height, filterHeight, STRIDE);
  const [left, right] = samePadding(width, filterWidth, STRIDE);
  const attributes = {
    kernel_shape: [filterHeight, filterWidth],
    strides: [STRIDE, STRIDE],
    pads: [top, left, bottom, right],
  };
  const weight = { name: 'w', shape: [outChannels, channels, filterHeight, filterWidth] };
  const large = [batch, channels, height, width];
  const small = [outBatch, outChannels, outHeight, outWidth];
  return pass === 'forward'
    ? singleNodeModel({ opType: 'Conv', attributes,
      inputs: [{ name: 'x', shape: large }, weight], output: { name: 'y', shape: small } })
    : singleNodeModel({ opType: 'ConvTranspose', attributes,
      inputs: [{ name: 'x', shape: small }, weight], output: { name: 'y', shape: large } });
}

async function runOrt(pass, base, data, testCase, competitors, record) {
  const model = onnxModel(pass, testCase, data.outputShape);
  const source = pass === 'forward'
    ? nhwcToNchw(data.x, testCase.input)
    : nhwcToNchw(data.dy, data.outputShape);
  const weight = filterToOnnxConv(data.filter, testCase.filter);
  const inputs = [
    { name: 'x', data: source.data, shape: source.shape },
    { name: 'w', data: weight.data, shape: weight.shape },
  ];
  const resultShape = pass === 'forward' ? data.outputShape : testCase.input;
  const [batch, height, width, channels] = resultShape;
  const toNhwc = (timing) => ({
    ...timing, output: nchwToNhwc(timing.output, [batch, channels, height, width]).data,
  });
  const op = pass === 'forward' ? 'Conv' : 'ConvTranspose';

  for (const threads of ORT_THREADS) {
    const variant = `simd, ${threadsLabel(threads)}, ${op} NCHW`;
    await report.guard({ ...base, implementation: 'onnxruntime-web', variant }, async () => {
      const timing = await measureOrtWeb(threads, 'conv', model, inputs, options);
      record('onnxruntime-web', variant, toNhwc(timing));
    });
  }
  for (const threads of ORT_THREADS) {
    const variant = `native, ${threadsLabel(threads)}, ${op} NCHW`;
    if (!competitors.ortNode) {
      report.skip({ ...base, implementation: 'onnxruntime-node', variant,
        status: 'missing', reason: competitors.ortNodeMissing });
      continue;
    }
    await report.guard({ ...base, implementation: 'onnxruntime-node', variant }, async () => {
      const timing = await measureOrtNode(competitors.ortNode, model, inputs, threads, options);
      record('onnxruntime-node', variant, toNhwc(timing));
    });
  }
}

async function main() {
  const { engines, threaded } = await createSimdganEngines();
  report.builds = engines.map(({ variant }) => variant);
  if (!threaded) report.note('simdgan ran on 1 thread: createEngine has no threads option yet.');
  const { ort: ortNode, reason: ortNodeMissing } = await loadOrtNode();
  // A matmul of MATMUL_SIZE on each engine of the best build, kept for the whole suite.
  const matmuls = new Map();
  const matmulBuffers = [];
  for (const { engine, build } of engines) {
    if (build !== engines[0].build) continue;
    const square = MATMUL_SIZE * MATMUL_SIZE;
    const buffers = allocateAll(engine, {
      a: uniformArray(square, 91), b: uniformArray(square, 92), c: square,
    });
    const { a, b, c } = buffers.pointers;
    matmuls.set(engine, () => engine.matmul(a, b, c, MATMUL_SIZE, MATMUL_SIZE, MATMUL_SIZE,
      false, false));
    matmulBuffers.push(buffers);
  }
  const competitors = { engines, ortNode, ortNodeMissing, matmuls };

  for (const [index, testCase] of CASES.entries()) {
    const geometry = conv2dGeometry(testCase.input, testCase.filter,
      { strides: STRIDE, padding: 'same' });
    const outputShape = [geometry.batch, geometry.outHeight, geometry.outWidth,
      geometry.outChannels];
    const data = {
      outputShape,
      x: uniformArray(size(testCase.input), 10 * index + 1),
      filter: uniformArray(size(testCase.filter), 10 * index + 2),
      dy: uniformArray(size(outputShape), 10 * index + 3),
    };
    for (const pass of testCase.passes) {
      log(`${testCase.name} ${pass}`);
      await runPass(testCase, pass, data, competitors);
    }
  }

  report.note('Layouts: simdgan and tfjs are NHWC with filters [5, 5, in, out]; ONNX is ' +
    'NCHW with weights [out, in, 5, 5], so onnxruntime runs a different memory layout (its ' +
    'outputs are transposed back to NHWC, outside the timing, for the difference column).');
  report.note('The transposed convolution is the input gradient of discriminator conv2\'s ' +
    'geometry; its own gradients are that geometry\'s forward and filter-gradient kernels, ' +
    'measured in the conv2 rows.');
  report.note('onnxruntime is an inference runtime: it has forward Conv and ConvTranspose ' +
    '(the input gradient) but no filter gradient.');
  report.note('tfjs-backend-wasm "bench im2col kernel": the Conv2DBackpropFilter that this ' +
    'bench registers for training, written in JavaScript over tfjs ops (strided slices, ' +
    'concat, one tf.matMul).');
  report.note('difference: max |out - ref| / max |ref| against the first tfjs row of the pass.');
  report.note(`simdgan's ${engines[0].build} rows are timed in ${ROUNDS} interleaved rounds ` +
    `with a ${MATMUL_SIZE}x${MATMUL_SIZE} matmul on the same engine (the note column gives the ` +
    'pass\'s GFLOP/s as a share of it); every other row alone, one after another.');
  for (const buffers of matmulBuffers) buffers.free();
  disposeAll(engines);
  report.write(options.out);
}

await main();
process.exit(0);
