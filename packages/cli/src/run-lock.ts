import * as nodeFs from 'node:fs';
import { join } from 'node:path';

import { CliError } from './errors.js';

/** The file that marks a run folder as being written by a live `simdgan train`. */
export const LOCK_FILE = '.simdgan-train.lock';

/** Whether a process with this id exists (EPERM: it exists, owned by another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(nodeFs.readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes a run folder for this process: creates LOCK_FILE in it, holding the
 * process id, exclusively (O_EXCL), so that a second `simdgan train` on the
 * same folder is refused while the first runs ('OUT_IN_USE', naming the
 * process). A lock left by a process that no longer exists (a run that was
 * killed) is taken over. Returns the function that releases the folder.
 */
export function lockRunFolder(flag: string, folder: string): () => void {
  const path = join(folder, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      nodeFs.writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      let held = true;
      return () => {
        if (held) nodeFs.rmSync(path, { force: true });
        held = false;
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new CliError('OUT_NOT_WRITABLE', `${flag} ${folder}: cannot write ${LOCK_FILE} ` +
          `(${code ?? (error as Error).message})`);
      }
      const owner = ownerOf(path);
      if (owner !== undefined && isAlive(owner)) {
        throw new CliError('OUT_IN_USE', `${flag} ${folder}: another simdgan train (process ` +
          `${owner}) is writing into it; wait for it to end or choose another folder`);
      }
      // Left by a run that was killed (or is being written this instant: try again).
      if (owner !== undefined) nodeFs.rmSync(path, { force: true });
    }
  }
  throw new CliError('OUT_IN_USE', `${flag} ${folder}: ${LOCK_FILE} is held and cannot be ` +
    'taken over; remove it if no simdgan train writes into this folder');
}
