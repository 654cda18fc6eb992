/** Float64 references of the kernels, for tests here and in packages that build on them. */
export { referenceMatmul } from './matmul.js';
export {
  forEachConv2dTerm,
  referenceConv2d,
  referenceConv2dBackpropFilter,
  referenceConv2dBackpropInput,
} from './conv2d.js';
