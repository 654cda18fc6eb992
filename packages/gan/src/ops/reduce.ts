import { record } from '../autograd.js';
import { check } from '../errors.js';
import { empty, type Tensor } from '../tensor.js';
import { binary } from './binary.js';
import { onesLike } from './creation.js';
import { scale } from './unary.js';

/** The sum of every value, as a scalar of shape []. */
export function sum(x: Tensor): Tensor {
  x.assertAlive('sum');
  const y = empty(x.backend, []);
  x.backend.sumAll(x.dataId, y.dataId, x.size);
  return record(y, 'sum', [x],
    (dy) => [binary('mul', onesLike(x), dy, 'cycle')]);
}

/** The mean of every value, as a scalar of shape []. */
export function mean(x: Tensor): Tensor {
  check(x.size > 0, 'EMPTY', () => `mean: tensor of shape [${x.shape}] is empty`);
  return scale(sum(x), 1 / x.size);
}

/**
 * Sums a [rows, columns] view over its rows: every dimension but the last
 * is summed away. [batch, height, width, channels] gives [channels].
 */
export function sumLeading(x: Tensor): Tensor {
  x.assertAlive('sumLeading');
  const columns = x.rank === 0 ? 1 : x.shape[x.rank - 1];
  const rows = columns === 0 ? 0 : x.size / columns;
  const y = empty(x.backend, [columns]);
  x.backend.sumRows(x.dataId, y.dataId, rows, columns);
  return record(y, 'sumLeading', [x],
    (dy) => [binary('mul', onesLike(x), dy, 'cycle')]);
}

/**
 * Sums each sample: every dimension but the first is summed away.
 * [batch, height, width, channels] gives [batch].
 */
export function sumTrailing(x: Tensor): Tensor {
  x.assertAlive('sumTrailing');
  const rows = x.rank === 0 ? 1 : x.shape[0];
  const columns = rows === 0 ? 0 : x.size / rows;
  const y = empty(x.backend, [rows]);
  x.backend.sumCols(x.dataId, y.dataId, rows, columns);
  return record(y, 'sumTrailing', [x],
    (dy) => [binary('mul', onesLike(x), dy, 'block')]);
}

/** The mean over every dimension but the last, shape [channels]. */
export function meanLeading(x: Tensor): Tensor {
  const columns = x.shape[x.rank - 1];
  return scale(sumLeading(x), columns / x.size);
}
