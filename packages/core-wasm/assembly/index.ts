/** Entry point of both builds: re-exports every kernel the host calls. */
export { adam } from './adam';
export { binary } from './binary';
export { conv2d } from './conv2d';
export {
  conv2dBackpropFilter, filterGradientPartials, filterGradientRegion, sumFilterChunks,
} from './conv2d-backprop-filter';
export { conv2dBackpropInput, conv2dBackpropInputByImage } from './conv2d-backprop-input';
export {
  conv2dBackpropInputNarrow, narrowInputGradientRegion,
} from './conv2d-backprop-input-narrow';
export { heapBase } from './heap';
export { im2colStagingFloats, stagedBatchFloats, stageImages } from './staging';
export {
  matmul, matmulColumnPanel, matmulPackB, matmulRowBlockPanels, matmulRowPanel,
} from './matmul';
export { sumAll, sumCols, sumRows } from './reduce';
export { sigmoidCrossEntropy } from './sigmoid-cross-entropy';
export { unary } from './unary';
