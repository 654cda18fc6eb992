import type { Tensor } from '../tensor.js';

/** The GAN objectives the trainer knows, by their config name. */
export type LossName =
  | 'minimax'
  | 'non-saturating'
  | 'least-squares'
  | 'hinge'
  | 'wasserstein-clip'
  | 'wasserstein-gp'
  | 'relativistic-average';

/** Every loss name, in the order help texts list them. */
export const LOSS_NAMES: readonly LossName[] = [
  'minimax', 'non-saturating', 'least-squares', 'hinge', 'wasserstein-clip',
  'wasserstein-gp', 'relativistic-average',
];

/** Options of a discriminator loss. */
export interface DiscriminatorLossOptions {
  /**
   * One-sided label smoothing (Salimans et al., 2016): the real target
   * becomes 1 - smoothing, fake targets stay. Only losses with
   * `smoothable` take it.
   */
  labelSmoothing?: number;
}

/**
 * A GAN objective as a pair of losses to minimise, both computed from the
 * discriminator's raw outputs (logits, or critic values for Wasserstein):
 * realLogits and fakeLogits are [batch, 1] (any shape works).
 */
export interface GanLoss {
  readonly name: LossName;
  /** The discriminator's (critic's) loss. */
  discriminator(
    realLogits: Tensor,
    fakeLogits: Tensor,
    options?: DiscriminatorLossOptions,
  ): Tensor;
  /**
   * The generator's loss. `realLogits` is read only when
   * `generatorNeedsReal` (relativistic losses); pass it as a constant.
   */
  generator(fakeLogits: Tensor, realLogits?: Tensor): Tensor;
  /** Whether the generator's loss reads D(real) too. */
  readonly generatorNeedsReal: boolean;
  /**
   * 'logits': sigmoid(output) is the probability that a sample is real;
   * 'scores': the output is an unbounded score (Wasserstein critic, hinge,
   * least squares).
   */
  readonly outputs: 'logits' | 'scores';
  /** Whether one-sided label smoothing applies to it. */
  readonly smoothable: boolean;
  /**
   * How a Wasserstein critic is kept Lipschitz: weight clipping after each
   * critic step, or a gradient penalty added to its loss.
   */
  readonly lipschitz?: 'clip' | 'penalty';
}
