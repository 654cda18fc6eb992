import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend.js';
import { tensor, tidy, variable } from '../tensor.js';
import { Adam } from './adam.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

/** The parameter's change at each update for a gradient sequence. */
function steps(options: ConstructorParameters<typeof Adam>[0], grads: number[]) {
  const parameter = variable(backend, [0], [1]);
  const adam = new Adam(options);
  const changes: number[] = [];
  let before = 0;
  for (const g of grads) {
    tidy(() => adam.update([parameter], [tensor(backend, [g], [1])]));
    const after = parameter.item();
    changes.push(after - before);
    before = after;
  }
  expect(adam.step).toBe(grads.length);
  adam.dispose();
  parameter.dispose();
  return changes;
}

describe('L7: Adam bias correction', () => {
  it('first step with gradient 0.5 and lr 0.01 is -0.0099999998', () => {
    const [first] = steps({ learningRate: 0.01, beta1: 0.9, beta2: 0.999,
      epsilon: 1e-8 }, [0.5]);
    // Multiplying by the correction instead of dividing gives -0.099998.
    expect(first).toBeCloseTo(-0.0099999998, 9);
  });
  it('beta1 0.5: gradients +1, -1, +1 give the published steps', () => {
    const changes = steps({ learningRate: 2e-4, beta1: 0.5 }, [1, -1, 1]);
    expect(changes[0]).toBeCloseTo(-2.0e-4, 8);
    expect(changes[1]).toBeCloseTo(6.6667e-5, 8);
    expect(changes[2]).toBeCloseTo(-8.5714e-5, 8);
  });
  it('beta1 0.9: gradients +1, -1, +1 give the published steps', () => {
    const changes = steps({ learningRate: 2e-4, beta1: 0.9 }, [1, -1, 1]);
    expect(changes[0]).toBeCloseTo(-2.0e-4, 8);
    expect(changes[1]).toBeCloseTo(1.0526e-5, 8);
    expect(changes[2]).toBeCloseTo(-6.7159e-5, 8);
  });
  it('refuses a bad learning rate with a message naming it', () => {
    expect(() => new Adam({ learningRate: -1 }))
      .toThrow(/Adam: learning rate must be a positive number, got -1/);
  });
});
