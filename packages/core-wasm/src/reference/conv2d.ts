/** Plain float64 2-D convolution and both its gradients, NHWC, by direct loops. */
import type { Conv2dGeometry } from '../conv2d-geometry.js';

/**
 * Calls visit(xIndex, filterIndex, yIndex) for every product term of the forward convolution:
 * y[b, oy, ox, co] += x[b, iy, ix, ci] * filter[ky, kx, ci, co] with
 * iy = oy * strideHeight - padTop + ky * dilationHeight (likewise ix), inside the input.
 */
export function forEachConv2dTerm(
  g: Conv2dGeometry,
  visit: (xIndex: number, filterIndex: number, yIndex: number) => void,
): void {
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      for (let ox = 0; ox < g.outWidth; ox++) {
        for (let ky = 0; ky < g.filterHeight; ky++) {
          const iy = oy * g.strideHeight - g.padTop + ky * g.dilationHeight;
          if (iy < 0 || iy >= g.inHeight) continue;
          for (let kx = 0; kx < g.filterWidth; kx++) {
            const ix = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth;
            if (ix < 0 || ix >= g.inWidth) continue;
            for (let ci = 0; ci < g.inChannels; ci++) {
              const xIndex = ((b * g.inHeight + iy) * g.inWidth + ix) * g.inChannels + ci;
              const filterBase = ((ky * g.filterWidth + kx) * g.inChannels + ci) * g.outChannels;
              const yBase = ((b * g.outHeight + oy) * g.outWidth + ox) * g.outChannels;
              for (let co = 0; co < g.outChannels; co++) {
                visit(xIndex, filterBase + co, yBase + co);
              }
            }
          }
        }
      }
    }
  }
}

/** y [batch, outHeight, outWidth, outChannels] = conv(x, filter) in float64. */
export function referenceConv2d(
  x: Float64Array,
  filter: Float64Array,
  g: Conv2dGeometry,
): Float64Array {
  const y = new Float64Array(g.batch * g.outHeight * g.outWidth * g.outChannels);
  forEachConv2dTerm(g, (xi, fi, yi) => {
    y[yi] += x[xi] * filter[fi];
  });
  return y;
}

/** dx [batch, inHeight, inWidth, inChannels]: the adjoint of referenceConv2d applied to dy. */
export function referenceConv2dBackpropInput(
  dy: Float64Array,
  filter: Float64Array,
  g: Conv2dGeometry,
): Float64Array {
  const dx = new Float64Array(g.batch * g.inHeight * g.inWidth * g.inChannels);
  forEachConv2dTerm(g, (xi, fi, yi) => {
    dx[xi] += dy[yi] * filter[fi];
  });
  return dx;
}

/** dfilter [filterHeight, filterWidth, inChannels, outChannels] given x and dy. */
export function referenceConv2dBackpropFilter(
  x: Float64Array,
  dy: Float64Array,
  g: Conv2dGeometry,
): Float64Array {
  const dfilter = new Float64Array(g.filterHeight * g.filterWidth * g.inChannels * g.outChannels);
  forEachConv2dTerm(g, (xi, fi, yi) => {
    dfilter[fi] += x[xi] * dy[yi];
  });
  return dfilter;
}
