import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './backend.js';
import { parseIdx } from './data/idx.js';
import { loadGenerator } from './models/generator.js';
import { crc32 } from './serialize.js';
import { Trainer } from './trainer.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend({ threads: 1 });
});
afterAll(() => backend.dispose());

/** A file of the simdgan format with the given header and a valid checksum. */
function forged(header: unknown): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const body = new Uint8Array(12 + json.length + ((4 - (json.length % 4)) % 4) + 4);
  body.set(new TextEncoder().encode('SIMDGAN1'));
  new DataView(body.buffer).setUint32(8, json.length, true);
  body.set(json, 12);
  new DataView(body.buffer).setUint32(body.length - 4, crc32(body.subarray(0, -4)), true);
  return body;
}

describe('inputs refused before any work', () => {
  it('a DCGAN on images of 2 channels, which no picture can show', () => {
    const dataset = { name: 'two.idx', count: 4, height: 8, width: 8, channels: 2,
      images: new Float32Array(4 * 8 * 8 * 2) };
    expect(() => new Trainer(backend, dataset, { batchSize: 2 })).toThrow(
      'trainer: DCGAN trains images of 1 (gray) or 3 (RGB) channels, two.idx has 2');
  });

  it('an IDX header of more than 4 dimensions', () => {
    const bytes = new Uint8Array([0, 0, 8, 7, ...new Array(28).fill(0)]);
    expect(() => parseIdx(bytes, 'odd.idx')).toThrow(
      'odd.idx: header declares 7 dimensions; simdgan reads IDX files of 1 (labels), 3 or 4');
  });

  it('model files whose header is not an object or whose tensors are malformed', () => {
    expect(() => loadGenerator(backend, forged(null), 'a.sgan'))
      .toThrow('a.sgan: header is not a JSON object');
    expect(() => loadGenerator(backend, forged({ tensors: [null] }), 'b.sgan'))
      .toThrow('b.sgan: tensor entry 0 of the header has no name or no shape of whole numbers');
    expect(() => loadGenerator(backend, forged({ tensors: [{ name: 'w', shape: [-1] }] }),
      'c.sgan')).toThrow(/c\.sgan: tensor entry 0/);
  });
});
