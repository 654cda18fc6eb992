import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec (Satyanarayan et al., 2017) to SVG text with
 * Vega's headless renderer: pure JavaScript, no canvas or browser. The
 * libraries are loaded on first use so that commands that draw nothing
 * start quickly. Vega's warnings are silenced; a spec it cannot draw
 * throws.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // Both libraries log warnings to the console by default; a command's
  // stderr carries only its errors, so they are kept quiet.
  const logger = vega.logger(vega.None);
  const compiled = vegaLite.compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Look shared by every chart: white background, readable type. */
export const chartConfig = {
  background: 'white',
  font: 'Helvetica, Arial, sans-serif',
  title: { fontSize: 15, anchor: 'start', subtitleColor: '#555' },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eee' },
  legend: { labelFontSize: 12, titleFontSize: 12 },
} as const;
