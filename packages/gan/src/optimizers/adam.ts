import { check } from '../errors.js';
import { keep, tensor, type Tensor } from '../tensor.js';

/** Adam's settings; each network has its own. */
export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * Adam (Kingma and Ba, 2014) with bias correction, in PyTorch's form:
 * p -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon).
 * The step counter t counts updates. Moments live beside the parameters.
 */
export class Adam {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Updates applied so far. */
  step = 0;
  private readonly moments = new Map<Tensor, { m: Tensor; v: Tensor }>();

  constructor(options: AdamOptions) {
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    check(this.learningRate > 0 && Number.isFinite(this.learningRate),
      'BAD_ARGUMENT', () =>
        `Adam: learning rate must be a positive number, got ${this.learningRate}`);
    check(this.beta1 >= 0 && this.beta1 < 1 && this.beta2 >= 0 && this.beta2 < 1,
      'BAD_ARGUMENT', () =>
        `Adam: betas must lie in [0, 1), got ${this.beta1} and ${this.beta2}`);
  }

  /** Applies one update to each parameter, in place. */
  update(parameters: Tensor[], gradients: Tensor[]): void {
    check(parameters.length === gradients.length, 'BAD_ARGUMENT', () =>
      `Adam: ${parameters.length} parameters but ${gradients.length} gradients`);
    this.step++;
    parameters.forEach((parameter, i) => {
      const gradient = gradients[i];
      check(gradient.size === parameter.size, 'SHAPE_MISMATCH', () =>
        `Adam: gradient of shape [${gradient.shape}] for a parameter of ` +
        `shape [${parameter.shape}]`);
      const { m, v } = this.momentsOf(parameter);
      parameter.backend.adam(parameter.dataId, gradient.dataId, m.dataId,
        v.dataId, parameter.size, this.learningRate, this.beta1, this.beta2,
        this.epsilon, this.step);
    });
  }

  /** The first and second moments of a parameter, made on first use. */
  momentsOf(parameter: Tensor): { m: Tensor; v: Tensor } {
    let entry = this.moments.get(parameter);
    if (!entry) {
      const zeros = new Float32Array(parameter.size);
      entry = {
        m: keep(tensor(parameter.backend, zeros, parameter.shape)),
        v: keep(tensor(parameter.backend, zeros, parameter.shape)),
      };
      this.moments.set(parameter, entry);
    }
    return entry;
  }

  /** Releases the moment tensors. */
  dispose(): void {
    for (const { m, v } of this.moments.values()) {
      m.dispose();
      v.dispose();
    }
    this.moments.clear();
  }
}
