/** CRC-32 of the PNG format (ISO 3309, polynomial 0xedb88320), for patched chunks. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A copy of PNG bytes whose IHDR states `width` x `height`, with a correct
 * CRC, so that a decoder believes it; the pixel data stays the original's.
 */
export function pngStating(bytes: Uint8Array, width: number, height: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  // The CRC covers the chunk type and data: bytes 12 to 28, then sits at 29.
  view.setUint32(29, crc32(copy.subarray(12, 29)));
  return copy;
}

/**
 * A copy of JPEG bytes whose baseline frame header (SOF0, as jpeg-js writes
 * it) states `width` x `height`; the scan stays the original's.
 */
export function jpegStating(bytes: Uint8Array, width: number, height: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const at = copy.findIndex((byte, i) => byte === 0xff && copy[i + 1] === 0xc0);
  if (at < 0) throw new Error('jpegStating: no SOF0 marker');
  const view = new DataView(copy.buffer);
  view.setUint16(at + 5, height);
  view.setUint16(at + 7, width);
  return copy;
}
