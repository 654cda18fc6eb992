// Quick single-thread timing of the hot kernels on both builds (not a test, not the benchmark
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
  console.log(`${build.padEnd(6)} ${name.padEnd(44)} ${milliseconds} ms ${gflops} GFLOP/s`);
}

const MATMULS = [
  [512, 512, 512, false, false],
  [512, 512, 512, true, true],
  [3136, 128, 1600, false, false],
  [3136, 1600, 128, false, true],
  [1600, 128, 3136, true, false],
  [64, 6272, 100, false, false],
];

for (const build of ['simd', 'scalar']) {
  const engine = await createEngine({ build });
  for (const [m, n, k, ta, tb] of MATMULS) {
    const [a, b, c] = [fill(engine, m * k), fill(engine, k * n), engine.alloc(m * n)];
    const ms = time(() => engine.matmul(a, b, c, m, n, k, ta, tb));
    report(build, `matmul ${m}x${n}x${k}${ta ? ' tA' : ''}${tb ? ' tB' : ''}`, 2 * m * n * k, ms);
    for (const pointer of [a, b, c]) engine.free(pointer);
  }
  const g = conv2dGeometry([64, 14, 14, 64], [5, 5, 64, 128], { strides: 2, padding: 'same' });
  const x = fill(engine, 64 * 14 * 14 * 64);
  const filter = fill(engine, 5 * 5 * 64 * 128);
  const y = fill(engine, 64 * 7 * 7 * 128);
  const flop = 2 * 64 * 7 * 7 * 128 * 5 * 5 * 64;
  const conv = [
    ['conv2d 64x14x14x64 * 5x5x64x128 s2 same', () => engine.conv2d(x, filter, y, g)],
    ['  backprop input', () => engine.conv2dBackpropInput(y, filter, x, g)],
    ['  backprop filter', () => engine.conv2dBackpropFilter(x, y, filter, g)],
  ];
  for (const [name, run] of conv) report(build, name, flop, time(run));
  engine.dispose();
}
