import { GanError } from '../errors.js';
import { LOSS_NAMES, type GanLoss, type LossName } from './gan-loss.js';
import { hingeLoss } from './hinge.js';
import { leastSquaresLoss } from './least-squares.js';
import { minimaxLoss } from './minimax.js';
import { nonSaturatingLoss } from './non-saturating.js';
import { relativisticAverageLoss } from './relativistic-average.js';
import { wassersteinClipLoss, wassersteinGpLoss } from './wasserstein.js';

const LOSSES: Record<LossName, GanLoss> = {
  'minimax': minimaxLoss,
  'non-saturating': nonSaturatingLoss,
  'least-squares': leastSquaresLoss,
  'hinge': hingeLoss,
  'wasserstein-clip': wassersteinClipLoss,
  'wasserstein-gp': wassersteinGpLoss,
  'relativistic-average': relativisticAverageLoss,
};

/** The objective of a config name; an unknown name lists the known ones. */
export function ganLoss(name: LossName): GanLoss {
  const loss = LOSSES[name];
  if (!loss) {
    throw new GanError('BAD_CONFIG', `loss: unknown loss ${JSON.stringify(name)}; ` +
      `expected one of ${LOSS_NAMES.join(', ')}`);
  }
  return loss;
}
