import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createBackend, type Backend } from '../backend.js';
import { Network } from '../models/network.js';
import { Random } from '../random.js';
import { trainingMetrics } from './training-metrics.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend({ threads: 1 });
});
afterAll(() => backend.dispose());

/** A generator of 2-D points whose every sample is `point`. */
function constantPoints(point: [number, number], classCount?: number): Network {
  const network = new Network(backend, {
    role: 'generator', inputShape: [3], classCount,
    layers: [{ type: 'dense', units: 2 }, { type: 'reshape', shape: [1, 1, 2] }],
  }, new Random(0));
  const [weight, bias] = network.parameters();
  backend.write(weight.tensor.dataId, new Float32Array(weight.tensor.size));
  backend.write(bias.tensor.dataId, point);
  return network;
}

describe('trainingMetrics', () => {
  it('evaluates the sampling generator with the kind\'s protocol', () => {
    const network = constantPoints([0, 1]);
    const compute = trainingMetrics('ring', {});
    expect(compute({ samplingGenerator: network })).toEqual({
      modesCovered: 1, modeCount: 8, highQualityPercent: 100, modeKl: Math.log(8),
    });
    network.dispose();
  });

  it('draws labels for a conditional generator and reuses its latents', () => {
    const network = constantPoints([0, -1], 4);
    const compute = trainingMetrics('grid', {}, { count: 10, seed: 3 });
    const first = compute({ samplingGenerator: network });
    expect(first).toMatchObject({ modesCovered: 0, modeCount: 25, highQualityPercent: 0 });
    expect(compute({ samplingGenerator: network })).toEqual(first);
    network.dispose();
  });
});
