import { GanError } from './errors.js';

/**
 * The simdgan file format, for generators and checkpoints:
 *   8 bytes  magic "SIMDGAN1"
 *   4 bytes  header length in bytes (uint32, little-endian)
 *   header   UTF-8 JSON: { kind, ..., tensors: [{ name, shape }] }
 *   padding  zero bytes up to a multiple of 4
 *   data     float32 little-endian values of each tensor, in header order
 *   4 bytes  CRC-32 of everything before it
 */
const MAGIC = 'SIMDGAN1';

/** A named array of float32 values with its shape. */
export interface StoredTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Encodes a header and tensors into the file format above. */
export function encodeBundle(
  header: Record<string, unknown>,
  tensors: StoredTensor[],
): Uint8Array {
  const fullHeader = {
    ...header,
    tensors: tensors.map(({ name, shape }) => ({ name, shape })),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(fullHeader));
  const dataStart = align4(12 + headerBytes.length);
  const valueCount = tensors.reduce((n, t) => n + t.values.length, 0);
  const bytes = new Uint8Array(dataStart + 4 * valueCount + 4);
  const view = new DataView(bytes.buffer);

  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, headerBytes.length, true);
  bytes.set(headerBytes, 12);
  let offset = dataStart;
  for (const { values } of tensors) {
    for (let i = 0; i < values.length; i++, offset += 4) {
      view.setFloat32(offset, values[i], true);
    }
  }
  view.setUint32(offset, crc32(bytes.subarray(0, offset)), true);
  return bytes;
}

/** Decodes a file; `source` names it in errors. */
export function decodeBundle(
  bytes: Uint8Array,
  source: string,
): { header: Record<string, unknown>; tensors: Map<string, StoredTensor> } {
  const fail = (code: string, reason: string): never => {
    throw new GanError(code, `${source}: ${reason}`);
  };
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (bytes.length < 16 || magic !== MAGIC) {
    fail('NOT_SIMDGAN_FILE', 'not a simdgan model file (its first bytes ' +
      `are not "${MAGIC}")`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stored = view.getUint32(bytes.length - 4, true);
  if (stored !== crc32(bytes.subarray(0, bytes.length - 4))) {
    fail('FILE_DAMAGED', 'checksum does not match: the file is damaged or ' +
      'was cut short');
  }

  const headerLength = view.getUint32(8, true);
  let header: Record<string, unknown> & { tensors?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(
      bytes.subarray(12, 12 + headerLength)));
  } catch {
    return fail('FILE_DAMAGED', 'header is not valid JSON');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    return fail('FILE_DAMAGED', 'header is not a JSON object');
  }
  const entries = header.tensors;
  if (!Array.isArray(entries)) return fail('FILE_DAMAGED', 'header lists no tensors');
  const wellFormed = (entry: unknown): boolean => {
    const { name, shape } = (entry ?? {}) as { name?: unknown; shape?: unknown };
    return typeof name === 'string' && Array.isArray(shape) &&
      shape.every((d) => Number.isInteger(d) && d >= 0);
  };
  const bad = entries.findIndex((entry) => !wellFormed(entry));
  if (bad >= 0) {
    return fail('FILE_DAMAGED', `tensor entry ${bad} of the header has no name or no shape ` +
      'of whole numbers');
  }

  const tensors = new Map<string, StoredTensor>();
  let offset = align4(12 + headerLength);
  for (const { name, shape } of entries as { name: string; shape: number[] }[]) {
    const length = shape.reduce((n, d) => n * d, 1);
    if (offset + 4 * length > bytes.length - 4) {
      fail('FILE_DAMAGED', `tensor ${name} runs past the end of the file`);
    }
    const values = new Float32Array(length);
    for (let i = 0; i < length; i++, offset += 4) {
      values[i] = view.getFloat32(offset, true);
    }
    tensors.set(name, { name, shape, values });
  }
  return { header, tensors };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3 polynomial, as in zip and PNG). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
