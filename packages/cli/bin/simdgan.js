#!/usr/bin/env node
// The installed `simdgan` command. It lives outside dist/ so that npm can link it at install
// time, before the first build; the command itself is the built dist/main.js.
import('../dist/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('simdgan: not built yet; run `npm run build` (or `npm start`) first\n');
    process.exit(1);
  }
  throw error;
});
