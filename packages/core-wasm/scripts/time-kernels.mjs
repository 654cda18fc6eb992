// Quick single-thread timing of the hot kernels on every build (not a test, not the benchmark
// suite in bench/): `npm run build -w @simdgan/core-wasm && node scripts/time-kernels.mjs`.
// Prints milliseconds per call and GFLOP/s (2 FLOP per multiply-add).
import { conv2dGeometry, createEngine } from '../dist/index.js';

function time(run, minimumMs = 400) {
  for (let i = 0; i < 3; i++) run(); // let V8 tier up to optimized code
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < minimumMs) {
    run();
    calls++;
  }
  return (performance.now() - start) / calls;
}

function fill(engine, length) {
  const pointer = engine.alloc(length);
  const view = engine.view(pointer, length);
  for (let i = 0; i < length; i++) view[i] = Math.random() * 2 - 1;
  return pointer;
}

function report(build, name, flop, ms) {
  const gflops = (flop / ms / 1e6).toFixed(1).padStart(6);
  const milliseconds = ms.toFixed(2).padStart(8);
  console.log(`${build.padEnd(7)} ${name.padEnd(44)} ${milliseconds} ms ${gflops} GFLOP/s`);
}

const MATMULS = [
  [512, 512, 512, false, false],
  [512, 512, 512, true, true],
  [3136, 128, 1600, false, false],
  [3136, 1600, 128, false, true],
  [1600, 128, 3136, true, false],
  [64, 6272, 100, false, false],
];

for (const build of ['relaxed', 'simd', 'scalar']) {
  const engine = await createEngine({ build, threads: 1 });
  for (const [m, n, k, ta, tb] of MATMULS) {
    const [a, b, c] = [fill(engine, m * k), fill(engine, k * n), engine.alloc(m * n)];
    const ms = time(() => engine.matmul(a, b, c, m, n, k, ta, tb));
    report(build, `matmul ${m}x${n}x${k}${ta ? ' tA' : ''}${tb ? ' tB' : ''}`, 2 * m * n * k, ms);
    for (const pointer of [a, b, c]) engine.free(pointer);
  }
  const CONVS = [
    ['64x28x28x1 * 5x5x1x64', [64, 28, 28, 1], [5, 5, 1, 64]],
    ['64x14x14x64 * 5x5x64x128', [64, 14, 14, 64], [5, 5, 64, 128]],
  ];
  for (const [label, input, filterShape] of CONVS) {
    const g = conv2dGeometry(input, filterShape, { strides: 2, padding: 'same' });
    const x = fill(engine, input.reduce((p, d) => p * d, 1));
    const filter = fill(engine, filterShape.reduce((p, d) => p * d, 1));
    const y = fill(engine, g.batch * g.outHeight * g.outWidth * g.outChannels);
    const flop = 2 * g.batch * g.outHeight * g.outWidth * g.outChannels *
      filterShape[0] * filterShape[1] * filterShape[2];
    const conv = [
      [`conv2d ${label} s2 same`, () => engine.conv2d(x, filter, y, g)],
      ['  backprop input', () => engine.conv2dBackpropInput(y, filter, x, g)],
      ['  backprop filter', () => engine.conv2dBackpropFilter(x, y, filter, g)],
    ];
    for (const [name, run] of conv) report(build, name, flop, time(run));
    for (const pointer of [x, filter, y]) engine.free(pointer);
  }
  engine.dispose();
}
