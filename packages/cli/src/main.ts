#!/usr/bin/env node
/**
 * The `simdgan` executable: runs the command line with the real process,
 * terminal and GAN library, and exits with the command's code.
 */
import { runCli } from './program.js';

// When the reader of stdout goes away (`simdgan train | head`), training goes
// on and still writes its run folder; only the progress is lost.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  loadGan: () => import('@simdgan/gan'),
  now: () => new Date(),
  onInterrupt(handler) {
    // The first Ctrl-C asks the trainer to stop after its step; a second one
    // ends the process at once (the files on disk are whole either way).
    const listener = () => {
      process.off('SIGINT', listener);
      handler();
    };
    process.on('SIGINT', listener);
    return () => process.off('SIGINT', listener);
  },
});
process.exitCode = exitCode;
