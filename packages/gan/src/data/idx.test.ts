import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { DataError } from './errors.js';
import { encodeIdx, idxToDataset, parseIdx } from './idx.js';

// Case D1: two 2x3 images holding 0..11, and labels [7, 3].
const D1_IMAGES = Uint8Array.from([
  0x00, 0x00, 0x08, 0x03, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
]);
const D1_LABELS = Uint8Array.from([0x00, 0x00, 0x08, 0x01, 0, 0, 0, 2, 7, 3]);

/** Runs `action` and returns the DataError it throws. */
function dataError(action: () => unknown): DataError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error('expected a DataError, nothing was thrown');
}

describe('parseIdx', () => {
  it('reads the D1 images and labels', () => {
    const images = parseIdx(D1_IMAGES, 'images.idx');
    expect(images.dims).toEqual([2, 2, 3]);
    expect(Array.from(images.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const labels = parseIdx(D1_LABELS, 'labels.idx');
    expect(labels.dims).toEqual([2]);
    expect(Array.from(labels.data)).toEqual([7, 3]);
  });

  it('reads the same files gzipped (detected by 1f 8b)', () => {
    const gzipped = gzipSync(D1_IMAGES);
    expect([gzipped[0], gzipped[1]]).toEqual([0x1f, 0x8b]);
    const images = parseIdx(gzipped, 'images.idx.gz');
    expect(images.dims).toEqual([2, 2, 3]);
    expect(Array.from(images.data)).toEqual(Array.from(D1_IMAGES.subarray(16)));
    expect(Array.from(parseIdx(gzipSync(D1_LABELS), 'l.gz').data)).toEqual([7, 3]);
  });

  it('rejects a file one byte short, naming the file and the sizes', () => {
    const error = dataError(() => parseIdx(D1_IMAGES.subarray(0, 27), 'train-images.idx'));
    expect(error.code).toBe('IDX_TRUNCATED');
    expect(error.message).toBe(
      'train-images.idx: header promises 2 images of 2x3 = 12 bytes of pixels ' +
        'but 11 are present',
    );
    const labels = dataError(() => parseIdx(D1_LABELS.subarray(0, 9), 'labels.idx'));
    expect(labels.message).toBe(
      'labels.idx: header promises 2 values = 2 bytes of data but 1 is present',
    );
  });

  it('rejects a header cut inside its dimensions', () => {
    const error = dataError(() => parseIdx(D1_IMAGES.subarray(0, 10), 'cut.idx'));
    expect(error.code).toBe('IDX_TRUNCATED');
    expect(error.message).toBe(
      'cut.idx: header of 3 dimensions needs 16 bytes but the file has 10',
    );
    expect(dataError(() => parseIdx(D1_IMAGES.subarray(0, 3), 'x')).code).toBe(
      'IDX_TRUNCATED',
    );
  });

  it('rejects a damaged or cut gzip stream', () => {
    const gzipped = gzipSync(D1_IMAGES);
    const error = dataError(() => parseIdx(gzipped.subarray(0, 12), 'cut.idx.gz'));
    expect(error.code).toBe('IDX_BAD_GZIP');
    expect(error.message).toMatch(/^cut\.idx\.gz: starts like gzip \(1f 8b\)/);
  });

  it('stops unpacking a gzip bomb once it holds more than its header promises', () => {
    // A 28x28 header for one image, then 256 MB of zeros: about 1 MB gzipped.
    const header = Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28]);
    const body = new Uint8Array(256 * 1024 * 1024);
    body.set(header, 0);
    const bomb = gzipSync(body, { level: 1 });
    body.fill(0);
    const before = process.memoryUsage().arrayBuffers;
    const error = dataError(() => parseIdx(bomb, 'bomb.idx.gz'));
    expect(error.code).toBe('IDX_TRAILING_BYTES');
    expect(error.message).toBe('bomb.idx.gz: unpacks to more than its header promises ' +
      '(1 image of 28x28 = 784 bytes of pixels); it is damaged or not one IDX file');
    // It unpacked one slice (at most ~64 MB), not the 256 MB.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(128 * 1024 * 1024);
  });

  it('unpacks a gzip whose size footer lies (the stream decides, not the footer)', () => {
    const gzipped = gzipSync(D1_IMAGES);
    gzipped.fill(0, gzipped.length - 4);
    expect(Array.from(parseIdx(gzipped, 'x.idx.gz').data)).toEqual(
      Array.from(parseIdx(D1_IMAGES, 'x.idx').data));
  });

  it('rejects bytes beyond what the header promises', () => {
    const longer = Uint8Array.from([...D1_LABELS, 0]);
    const error = dataError(() => parseIdx(longer, 'labels.idx'));
    expect(error.code).toBe('IDX_TRAILING_BYTES');
    expect(error.message).toBe(
      'labels.idx: header promises 2 values = 2 bytes of data but 3 are present',
    );
  });

  it('rejects a bad magic number', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const error = dataError(() => parseIdx(png, 'digits.png'));
    expect(error.code).toBe('IDX_BAD_MAGIC');
    expect(error.message).toBe(
      'digits.png: not an IDX file: magic 0x89 0x50 0x4e 0x47 should start with 0x00 0x00',
    );
  });

  it('rejects value types other than unsigned bytes, saying which', () => {
    const floats = Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
    const error = dataError(() => parseIdx(floats, 'f.idx'));
    expect(error.code).toBe('IDX_UNSUPPORTED_TYPE');
    expect(error.message).toBe(
      'f.idx: value type 0x0d (32-bit float) is not supported; only 0x08 (unsigned byte) is',
    );
  });

  it('rejects a zero-length file and a header with no dimensions', () => {
    const empty = dataError(() => parseIdx(new Uint8Array(0), 'empty.idx'));
    expect(empty.code).toBe('IDX_EMPTY');
    expect(empty.message).toBe('empty.idx: file is empty (0 bytes), not an IDX file');
    const noDims = dataError(() => parseIdx(Uint8Array.from([0, 0, 8, 0]), 'z.idx'));
    expect(noDims.code).toBe('IDX_BAD_DIMS');
  });

  it('reads a view that does not start at its buffer start', () => {
    const padded = new Uint8Array(D1_LABELS.length + 5);
    padded.set(D1_LABELS, 5);
    expect(parseIdx(padded.subarray(5), 'view').dims).toEqual([2]);
  });
});

describe('encodeIdx', () => {
  it('writes exactly the D1 bytes and round-trips through parseIdx', () => {
    const pixels = Uint8Array.from({ length: 12 }, (_, i) => i);
    expect(Array.from(encodeIdx([2, 2, 3], pixels))).toEqual(Array.from(D1_IMAGES));
    expect(Array.from(encodeIdx([2], Uint8Array.from([7, 3])))).toEqual(
      Array.from(D1_LABELS),
    );
    const dims = [3, 17, 5, 3];
    const data = Uint8Array.from({ length: 3 * 17 * 5 * 3 }, (_, i) => (i * 31) & 255);
    const parsed = parseIdx(encodeIdx(dims, data), 'round-trip');
    expect(parsed.dims).toEqual(dims);
    expect(parsed.data).toEqual(data);
  });

  it('gives the real MNIST file sizes (D1)', () => {
    const train = encodeIdx([60000, 28, 28], new Uint8Array(60000 * 28 * 28));
    expect(train.length).toBe(47_040_016);
    expect(parseIdx(train, 'train').dims).toEqual([60000, 28, 28]);
    const test = encodeIdx([10000, 28, 28], new Uint8Array(10000 * 28 * 28));
    expect(test.length).toBe(7_840_016);
  });

  it('rejects data that does not fill the dims', () => {
    const error = dataError(() => encodeIdx([2, 2], new Uint8Array(3)));
    expect(error.code).toBe('IDX_SHAPE_MISMATCH');
    expect(error.message).toBe('encodeIdx: dims [2, 2] hold 4 values but data has 3');
    expect(dataError(() => encodeIdx([], new Uint8Array(0))).code).toBe('IDX_BAD_DIMS');
  });
});

describe('idxToDataset', () => {
  it('maps the D1 pixels p to p / 127.5 - 1 with labels [7, 3]', () => {
    const ds = idxToDataset(
      parseIdx(D1_IMAGES, 'images.idx'),
      parseIdx(D1_LABELS, 'labels.idx'),
      'd1',
    );
    expect(ds).toMatchObject({ name: 'd1', count: 2, height: 2, width: 3, channels: 1 });
    expect(Array.from(ds.labels!)).toEqual([7, 3]);
    expect(ds.classCount).toBe(8);
    const expected = Array.from({ length: 12 }, (_, p) => Math.fround(p / 127.5 - 1));
    expect(Array.from(ds.images)).toEqual(expected);
  });

  it('maps 0 to -1 and 255 to 1 exactly, and reads 4 dims as channels', () => {
    const bytes = encodeIdx([1, 1, 2, 3], Uint8Array.of(0, 255, 0, 255, 0, 255));
    const parsed = parseIdx(bytes, 'c');
    const ds = idxToDataset(parsed, undefined, 'rgb');
    expect([ds.height, ds.width, ds.channels]).toEqual([1, 2, 3]);
    expect(Array.from(ds.images)).toEqual([-1, 1, -1, 1, -1, 1]);
    expect(ds.labels).toBeUndefined();
  });

  it('rejects image and label counts that disagree, naming both files', () => {
    const threeLabels = parseIdx(encodeIdx([3], Uint8Array.of(1, 2, 3)), 'train-labels.idx');
    const error = dataError(() =>
      idxToDataset(parseIdx(D1_IMAGES, 'train-images.idx'), threeLabels, 'x'),
    );
    expect(error.code).toBe('IDX_COUNT_MISMATCH');
    expect(error.message).toBe(
      'train-labels.idx holds 3 labels but train-images.idx holds 2 images',
    );
  });

  it('rejects images without 3 or 4 dims and labels without 1', () => {
    const flat = dataError(() => idxToDataset(parseIdx(D1_LABELS, 'l.idx'), undefined, 'x'));
    expect(flat.code).toBe('IDX_BAD_DIMS');
    expect(flat.message).toMatch(/^l\.idx: images need 3 dimensions .* got 1: \[2\]$/);
    const images = parseIdx(D1_IMAGES, 'i.idx');
    const wrong = dataError(() => idxToDataset(images, images, 'x'));
    expect(wrong.message).toBe('i.idx: labels need 1 dimension [count], got 3: [2, 2, 3]');
  });
});
