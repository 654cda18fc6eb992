/**
 * Packs the 10,000 digits of the `mnist` package (ten JSON files of numbers, 21 MB) into one
 * byte per pixel: src/generated/mnist-digits.bin for tests and dist/generated/ for the build.
 * The JSON holds round(p / 255, 3) for pixel bytes p, so a byte per pixel loses nothing: the
 * script checks that every value is the one its byte decodes to, and refuses otherwise.
 *
 * Layout: "SGMN", then ten little-endian uint32 counts (digits of class 0..9), then the
 * digits' 784 bytes each, class by class, in the package's order.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIDE = 28;
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The value the loader gives byte p; it must match the package's JSON exactly. */
const decode = (p) => Math.round((p / 255) * 1000) / 1000;

const counts = new Uint32Array(10);
const parts = [];
for (let label = 0; label < 10; label++) {
  const file = require.resolve(`mnist/src/digits/${label}.json`);
  const { data } = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data) || data.length % (SIDE * SIDE) !== 0) {
    throw new Error(`${file}: expected a multiple of ${SIDE * SIDE} numbers`);
  }
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const p = Math.round(data[i] * 255);
    if (!(p >= 0 && p <= 255) || decode(p) !== data[i]) {
      throw new Error(`${file}: value ${data[i]} at ${i} is not round(p / 255, 3) for a byte p`);
    }
    bytes[i] = p;
  }
  counts[label] = data.length / (SIDE * SIDE);
  parts.push(bytes);
}

const header = new Uint8Array(4 + 4 * 10);
header.set(new TextEncoder().encode('SGMN'), 0);
for (let label = 0; label < 10; label++) {
  new DataView(header.buffer).setUint32(4 + 4 * label, counts[label], true);
}
const total = parts.reduce((sum, part) => sum + part.length, header.length);
const file = new Uint8Array(total);
file.set(header, 0);
let offset = header.length;
for (const part of parts) {
  file.set(part, offset);
  offset += part.length;
}

for (const folder of ['src/generated', 'dist/generated']) {
  const directory = join(here, '..', folder);
  mkdirSync(directory, { recursive: true });
  const target = join(directory, 'mnist-digits.bin');
  writeFileSync(`${target}.tmp`, file);
  renameSync(`${target}.tmp`, target);
}
console.log(`mnist-digits.bin: ${[...counts].join(' + ')} digits, ${total} bytes`);
