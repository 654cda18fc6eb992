import type { ImageDataset } from './dataset.js';
/**
 * A parsed IDX file: `dims` from its header (outermost first) and its values,
 * row-major. `source` is the name it was read from, kept for error messages.
 */
export interface IdxFile {
    dims: number[];
    data: Uint8Array;
    source: string;
}
/**
 * Parses an IDX file (the MNIST family's format): magic `00 00 TT DD` with
 * type byte TT and dimension count DD, then DD big-endian uint32 sizes, then
 * the values. A file starting with `1f 8b` is gunzipped first. Only unsigned
 * bytes (type 0x08) are supported. The file must hold exactly what its header
 * promises; otherwise a DataError names `source`, the rule and the values.
 */
export declare function parseIdx(bytes: Uint8Array, source: string): IdxFile;
/**
 * Encodes `data` (unsigned bytes, row-major) as an uncompressed IDX file of
 * shape `dims`. The inverse of `parseIdx`.
 */
export declare function encodeIdx(dims: number[], data: Uint8Array): Uint8Array;
/**
 * Builds a dataset from parsed IDX images `[count, rows, cols]` (one channel)
 * or `[count, rows, cols, channels]`, and optional labels `[count]`. Pixels p
 * become p / 127.5 - 1, in [-1, 1]; the class count is the largest label + 1.
 */
export declare function idxToDataset(images: IdxFile, labels: IdxFile | undefined, name: string): ImageDataset;
