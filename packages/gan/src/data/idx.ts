import { Gunzip } from 'fflate';

import type { ImageDataset } from './dataset.js';
import { DataError } from './errors.js';

/**
 * A parsed IDX file: `dims` from its header (outermost first) and its values,
 * row-major. `source` is the name it was read from, kept for error messages.
 */
export interface IdxFile {
  dims: number[];
  data: Uint8Array;
  source: string;
}

/** IDX type bytes (LeCun's MNIST page) and what they hold. */
const TYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: '16-bit integer',
  0x0c: '32-bit integer',
  0x0d: '32-bit float',
  0x0e: '64-bit float',
};
const UNSIGNED_BYTE = 0x08;

function hex(value: number): string {
  return `0x${value.toString(16).padStart(2, '0')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What a header promises, in words: "2 images of 2x3 = 12 bytes of pixels". */
function describe(dims: number[], total: number): string {
  const [count, ...rest] = dims;
  const bytes = plural(total, 'byte');
  if (rest.length === 0) return `${plural(count, 'value')} = ${bytes} of data`;
  if (rest.length === 1) return `${plural(count, 'row')} of ${rest[0]} = ${bytes} of data`;
  return `${plural(count, 'image')} of ${rest.join('x')} = ${bytes} of pixels`;
}

/** Compressed bytes fed to the inflater at a time: each can unpack to at most ~64 MB. */
const GZIP_SLICE = 1 << 16;

/**
 * The unpacked size an IDX header promises, from its first bytes: the header
 * and the values. 4 when the bytes are no IDX header (parseIdx then says
 * why); undefined while too few bytes are known.
 */
function promisedLength(head: Uint8Array): number | undefined {
  if (head.length < 4) return undefined;
  const dimCount = head[3];
  if (head[0] !== 0 || head[1] !== 0 || dimCount === 0 || dimCount > 4) return 4;
  const headerSize = 4 + 4 * dimCount;
  if (head.length < headerSize) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let values = 1;
  for (let i = 0; i < dimCount; i++) values *= view.getUint32(4 + 4 * i);
  return headerSize + values;
}

/** The longest IDX header: the magic and 4 dimensions. */
const HEADER_MAX = 4 + 4 * 4;

/** The first `length` bytes of the chunks, in one array. */
function joined(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0].subarray(0, length);
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset === length) break;
    const part = chunk.subarray(0, length - offset);
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Unpacks a gzip file a slice at a time and stops as soon as it holds more
 * than its IDX header promises, so a small file that unpacks to gigabytes
 * (a "gzip bomb") costs only what its header claims.
 */
function gunzip(bytes: Uint8Array, source: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const inflater = new Gunzip((chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  });
  let limit: number | undefined;
  try {
    for (let start = 0; start < bytes.length; start += GZIP_SLICE) {
      const end = Math.min(start + GZIP_SLICE, bytes.length);
      inflater.push(bytes.subarray(start, end), end === bytes.length);
      limit ??= promisedLength(joined(chunks, Math.min(length, HEADER_MAX)));
      if (limit !== undefined && length > limit) break;
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(
      'IDX_BAD_GZIP',
      `${source}: starts like gzip (1f 8b) but cannot be unpacked: ${reason}`,
    );
  }
  const unpacked = joined(chunks, length);
  if (limit !== undefined && limit > 4 && length > limit) {
    const dimCount = unpacked[3];
    const view = new DataView(unpacked.buffer, unpacked.byteOffset, unpacked.byteLength);
    const dims = Array.from({ length: dimCount }, (_, i) => view.getUint32(4 + 4 * i));
    throw new DataError(
      'IDX_TRAILING_BYTES',
      `${source}: unpacks to more than its header promises ` +
        `(${describe(dims, limit - 4 - 4 * dimCount)}); it is damaged or not one IDX file`,
    );
  }
  return unpacked;
}

/**
 * Parses an IDX file (the MNIST family's format): magic `00 00 TT DD` with
 * type byte TT and dimension count DD, then DD big-endian uint32 sizes, then
 * the values. A file starting with `1f 8b` is gunzipped first. Only unsigned
 * bytes (type 0x08) are supported. The file must hold exactly what its header
 * promises; otherwise a DataError names `source`, the rule and the values.
 */
export function parseIdx(bytes: Uint8Array, source: string): IdxFile {
  if (bytes.length === 0) {
    throw new DataError('IDX_EMPTY', `${source}: file is empty (0 bytes), not an IDX file`);
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    bytes = gunzip(bytes, source);
  }
  if (bytes.length < 4) {
    throw new DataError(
      'IDX_TRUNCATED',
      `${source}: holds ${plural(bytes.length, 'byte')}, too few for the 4-byte IDX magic`,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = Array.from(bytes.subarray(0, 4), hex).join(' ');
    throw new DataError(
      'IDX_BAD_MAGIC',
      `${source}: not an IDX file: magic ${magic} should start with 0x00 0x00`,
    );
  }

  const type = bytes[2];
  if (type !== UNSIGNED_BYTE) {
    const name = TYPE_NAMES[type] ? ` (${TYPE_NAMES[type]})` : ' (not an IDX type)';
    throw new DataError(
      'IDX_UNSUPPORTED_TYPE',
      `${source}: value type ${hex(type)}${name} is not supported; ` +
        `only ${hex(UNSIGNED_BYTE)} (unsigned byte) is`,
    );
  }
  const dimCount = bytes[3];
  if (dimCount === 0) {
    throw new DataError('IDX_BAD_DIMS', `${source}: header declares 0 dimensions`);
  }
  if (dimCount > 4) {
    // Images have 3 or 4 dimensions and labels 1: more is a damaged or foreign file.
    throw new DataError('IDX_BAD_DIMS', `${source}: header declares ${dimCount} ` +
      'dimensions; simdgan reads IDX files of 1 (labels), 3 or 4 (images)');
  }
  const headerSize = 4 + 4 * dimCount;
  if (bytes.length < headerSize) {
    throw new DataError(
      'IDX_TRUNCATED',
      `${source}: header of ${plural(dimCount, 'dimension')} needs ${headerSize} bytes ` +
        `but the file has ${bytes.length}`,
    );
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: dimCount }, (_, i) => view.getUint32(4 + 4 * i));
  const total = dims.reduce((product, size) => product * size, 1);
  const present = bytes.length - headerSize;
  if (present !== total) {
    const code = present < total ? 'IDX_TRUNCATED' : 'IDX_TRAILING_BYTES';
    throw new DataError(
      code,
      `${source}: header promises ${describe(dims, total)} ` +
        `but ${present} ${present === 1 ? 'is' : 'are'} present`,
    );
  }
  return { dims, data: bytes.subarray(headerSize), source };
}

/**
 * Encodes `data` (unsigned bytes, row-major) as an uncompressed IDX file of
 * shape `dims`. The inverse of `parseIdx`.
 */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const validDims =
    dims.length >= 1 &&
    dims.length <= 255 &&
    dims.every((size) => Number.isInteger(size) && size >= 0 && size <= 0xffffffff);
  if (!validDims) {
    throw new DataError(
      'IDX_BAD_DIMS',
      `encodeIdx: dims must be 1 to 255 whole numbers below 2^32, got [${dims.join(', ')}]`,
    );
  }
  const total = dims.reduce((product, size) => product * size, 1);
  if (total !== data.length) {
    throw new DataError(
      'IDX_SHAPE_MISMATCH',
      `encodeIdx: dims [${dims.join(', ')}] hold ${total} values ` +
        `but data has ${data.length}`,
    );
  }

  const headerSize = 4 + 4 * dims.length;
  const out = new Uint8Array(headerSize + data.length);
  const view = new DataView(out.buffer);
  out[2] = UNSIGNED_BYTE;
  out[3] = dims.length;
  dims.forEach((size, i) => view.setUint32(4 + 4 * i, size));
  out.set(data, headerSize);
  return out;
}

/**
 * Builds a dataset from parsed IDX images `[count, rows, cols]` (one channel)
 * or `[count, rows, cols, channels]`, and optional labels `[count]`. Pixels p
 * become p / 127.5 - 1, in [-1, 1]; the class count is the largest label + 1.
 */
export function idxToDataset(
  images: IdxFile,
  labels: IdxFile | undefined,
  name: string,
): ImageDataset {
  const { dims } = images;
  if (dims.length !== 3 && dims.length !== 4) {
    throw new DataError(
      'IDX_BAD_DIMS',
      `${images.source}: images need 3 dimensions [count, rows, cols] or 4 ` +
        `[count, rows, cols, channels], got ${dims.length}: [${dims.join(', ')}]`,
    );
  }
  const [count, height, width, channels = 1] = dims;
  const pixels = new Float32Array(images.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = images.data[i] / 127.5 - 1;
  const dataset: ImageDataset = { name, count, height, width, channels, images: pixels };
  if (labels === undefined) return dataset;

  if (labels.dims.length !== 1) {
    throw new DataError(
      'IDX_BAD_DIMS',
      `${labels.source}: labels need 1 dimension [count], ` +
        `got ${labels.dims.length}: [${labels.dims.join(', ')}]`,
    );
  }
  if (labels.dims[0] !== count) {
    throw new DataError(
      'IDX_COUNT_MISMATCH',
      `${labels.source} holds ${plural(labels.dims[0], 'label')} ` +
        `but ${images.source} holds ${plural(count, 'image')}`,
    );
  }
  const classLabels = Int32Array.from(labels.data);
  const classCount = classLabels.reduce((most, label) => Math.max(most, label + 1), 0);
  return { ...dataset, labels: classLabels, classCount };
}
