/** Entry point of both builds: re-exports every kernel the host calls. */
export { matmul, matmulColumnPanel, matmulPackB, matmulRowPanel } from './matmul';
export { heapBase } from './heap';
