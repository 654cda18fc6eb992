import type { TopLevelSpec } from 'vega-lite';

import { chartConfig } from './render-svg.js';

/** Half the side of a square view that holds the points. */
function extent(points: Float32Array): number {
  let most = 0;
  for (const value of points) if (Number.isFinite(value)) most = Math.max(most, Math.abs(value));
  return most;
}

/**
 * A Vega-Lite spec of real (gray) against generated (orange) 2-D points,
 * `[x0, y0, x1, y1, ...]`, on a square view with equal axes centred on 0:
 * 1.25 times the real points' extent, widened for generated points up to
 * 3 times it; points beyond are clipped.
 */
export function scatterChartSpec(
  step: number,
  generated: Float32Array,
  real: Float32Array | undefined,
): TopLevelSpec {
  const realExtent = real === undefined ? 0 : extent(real);
  const generatedExtent = extent(generated);
  const reach = realExtent > 0 ? Math.min(generatedExtent, 3 * realExtent) : generatedExtent;
  const half = 1.25 * Math.max(realExtent, reach) || 1;
  const rows = (points: Float32Array | undefined, source: string) => {
    const out: { x: number; y: number; source: string }[] = [];
    for (let i = 0; points !== undefined && i + 1 < points.length; i += 2) {
      if (Number.isFinite(points[i]) && Number.isFinite(points[i + 1])) {
        out.push({ x: points[i], y: points[i + 1], source });
      }
    }
    return out;
  };
  const values = [...rows(real, 'real'), ...rows(generated, 'generated')];
  const realCount = real === undefined ? 0 : real.length >> 1;
  const axis = (field: string) => ({
    field, type: 'quantitative' as const, title: field,
    scale: { domain: [-half, half], nice: false },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Real and generated points at step ${step}`,
      subtitle: `${realCount} real, ${generated.length >> 1} generated`,
    },
    width: 420,
    height: 420,
    data: { values },
    mark: { type: 'circle', size: 16, opacity: 0.7, clip: true },
    encoding: {
      x: axis('x'),
      y: axis('y'),
      color: {
        field: 'source', type: 'nominal', title: null,
        scale: { domain: ['real', 'generated'], range: ['#9a9a9a', '#f58518'] },
        legend: { orient: 'top', direction: 'horizontal' },
      },
    },
    config: chartConfig,
  };
}
