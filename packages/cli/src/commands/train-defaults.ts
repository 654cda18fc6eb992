/** Defaults of `simdgan train` that depend on the data set. */
import type { MetricsKind, TrainConfig } from '@simdgan/gan';

/**
 * The 2-D mixtures train the MLP pair with the settings of the mode-collapse
 * literature unless flags say otherwise: a 2-D latent, batches of 256 and
 * Adam at 1e-3 (the DCGAN image settings learn the ring too slowly). Image
 * data keeps the library's DCGAN defaults.
 */
export function pointDefaults(config: Partial<TrainConfig>): Partial<TrainConfig> {
  const defaults: Partial<TrainConfig> = {
    model: 'mlp', latentDim: 2, batchSize: 256,
    generatorLearningRate: 1e-3, discriminatorLearningRate: 1e-3,
  };
  return Object.fromEntries(Object.entries(defaults)
    .filter(([key]) => config[key as keyof TrainConfig] === undefined));
}

/** The metrics kind of a built-in data set; none for folders and IDX files. */
export function metricsKindOf(data: string): MetricsKind | undefined {
  const kinds: readonly string[] = ['mnist', 'ring', 'grid', 'stacked-mnist'];
  return kinds.includes(data) ? (data as MetricsKind) : undefined;
}
