/**
 * The engine in a real browser: headless Chromium (Debian's `chromium`, driven by
 * playwright-core) loads dist/ from a server on 127.0.0.1 that sends the cross-origin isolation
 * headers shared memory needs. In a dedicated worker the engine starts its own Web Workers
 * from a Blob and must give the bits Node gives; on the page's main thread, which may not
 * block (CASES K10), it must fall back to one thread with a warning. Without a Chromium the
 * suite is skipped, except under CI (CI=true), where .ci/run installs one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { conv2dGeometry } from './conv2d-geometry.js';
import { createEngine, type Engine } from './engine.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const available = existsSync(CHROMIUM) && existsSync(join(DIST, 'index.js'));
if (!available && process.env.CI) {
  throw new Error(`browser tests: no ${CHROMIUM} or no dist/ (run the build; .ci/run installs ` +
    'chromium)');
}

/** The same work on both sides: a matmul and a strided convolution on seeded values. */
const WORK = `
function values(count, seed) {
  let state = seed;
  return Float32Array.from({ length: count }, () =>
    ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1);
}
function upload(engine, data) {
  const pointer = engine.alloc(data.length);
  engine.write(pointer, data);
  return pointer;
}
function work(engine, conv2dGeometry) {
  const [m, n, k] = [67, 45, 33];
  const c = engine.alloc(m * n);
  engine.matmul(upload(engine, values(m * k, 1)), upload(engine, values(k * n, 2)), c,
    m, n, k, false, false);
  const g = conv2dGeometry([6, 9, 9, 3], [3, 3, 3, 4], { strides: 2, padding: 'same' });
  const size = g.batch * g.outHeight * g.outWidth * g.outChannels;
  const y = engine.alloc(size);
  engine.conv2d(upload(engine, values(6 * 81 * 3, 3)), upload(engine, values(108, 4)), y, g);
  return { matmul: Array.from(engine.read(c, m * n)), conv: Array.from(engine.read(y, size)) };
}
`;

const WORKER = `import { createEngine, conv2dGeometry } from '/dist/index.js';
${WORK}
const warnings = [];
const engine = await createEngine({ threads: 2, onWarning: (w) => warnings.push(w) });
postMessage({ build: engine.build, threads: engine.threadCount, warnings,
  ...work(engine, conv2dGeometry) });
engine.dispose();
`;

const PAGE = `<!doctype html><script type="module">
import { createEngine } from '/dist/index.js';
const warnings = [];
const engine = await createEngine({ threads: 2, onWarning: (w) => warnings.push(w) });
const main = { threads: engine.threadCount, warnings };
engine.dispose();
const worker = new Worker('/worker.js', { type: 'module' });
worker.onmessage = (event) => { window.result = { main, worker: event.data }; };
worker.onerror = (event) => { window.result = { error: event.message || 'worker failed' }; };
</script>`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };

function serve(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };
    let body: string | Buffer | undefined;
    if (path === '/page.html') body = PAGE;
    else if (path === '/worker.js') body = WORKER;
    else if (path.startsWith('/dist/')) {
      const file = normalize(join(DIST, path.slice('/dist/'.length)));
      if (file.startsWith(DIST) && existsSync(file)) body = readFileSync(file);
    }
    if (body === undefined) {
      response.writeHead(404, headers).end();
      return;
    }
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    response.writeHead(200, { ...headers, 'Content-Type': type }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    resolve({ server, origin: `http://127.0.0.1:${address.port}` });
  }));
}

describe.skipIf(!available)('the engine in headless Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    ({ server, origin } = await serve());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('runs 2 Web Worker threads in a worker with Node\'s bits, and 1 on the page', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/page.html`);
    await page.waitForFunction(() => (window as { result?: unknown }).result, undefined,
      { timeout: 60_000 });
    const result = await page.evaluate(() => (window as unknown as { result: {
      error?: string;
      main: { threads: number; warnings: string[] };
      worker: { build: string; threads: number; warnings: string[]; matmul: number[];
        conv: number[] };
    } }).result);
    expect(result.error).toBeUndefined();
    expect(result.main.threads).toBe(1);
    expect(result.main.warnings.join(' ')).toMatch(/main thread/);
    expect(result.worker.threads).toBe(2);

    const node: Engine = await createEngine({ build: result.worker.build as 'simd', threads: 1 });
    // Same build and sums split the same way: the browser's two threads give Node's bits.
    const expected = new Function('conv2dGeometry', 'engine',
      `${WORK}; return work(engine, conv2dGeometry);`)(conv2dGeometry, node) as {
      matmul: number[]; conv: number[] };
    node.dispose();
    expect(result.worker.matmul).toEqual(expected.matmul);
    expect(result.worker.conv).toEqual(expected.conv);
  });
});
