/**
 * The forward 2-D convolution geometry as the host writes it into memory: 15 consecutive i32
 * values in this order (must match `GEOMETRY_FIELDS` in src/kernels/conv2d-geometry-block.ts).
 * Input x is [batch, inHeight, inWidth, inChannels], filter [filterHeight, filterWidth,
 * inChannels, outChannels], output y [batch, outHeight, outWidth, outChannels], all NHWC.
 * Input row of output row oy and filter row ky: oy * strideHeight - padTop + ky * dilationHeight.
 */
@unmanaged
export class Conv2dGeometry {
  batch: i32;
  inHeight: i32;
  inWidth: i32;
  inChannels: i32;
  outHeight: i32;
  outWidth: i32;
  outChannels: i32;
  filterHeight: i32;
  filterWidth: i32;
  strideHeight: i32;
  strideWidth: i32;
  dilationHeight: i32;
  dilationWidth: i32;
  padTop: i32;
  padLeft: i32;
}

/**
 * Input channels below which the gradients take their narrow ways (a grey or colour first
 * layer): with fewer, four taps of a panel are rarely four channels of one pixel, and the
 * input gradient's gather has no vector to add.
 */
export const NARROW_CHANNELS: i32 = 4;

/** Reads the geometry block at byte offset `pointer` (no allocation: a typed view of memory). */
@inline
export function geometryAt(pointer: usize): Conv2dGeometry {
  return changetype<Conv2dGeometry>(pointer);
}
