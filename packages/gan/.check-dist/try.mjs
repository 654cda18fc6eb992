const t0 = performance.now();
const { loadMnist, imageGrid, parseIdx } = await import('./data/index.js');
const ds = await loadMnist();
console.log(ds.count, ds.images.length, ds.labels.length, (performance.now() - t0).toFixed(0) + 'ms');
