import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

import type { ImageDataset } from '@simdgan/gan';

import type { GanApi } from '../context.js';
import { CliError } from '../errors.js';
import { readInput } from '../files.js';
import { BAD_FILE_POLICIES, loadImageFolder, type BadFilePolicy } from '../image-folder.js';
import { parseChoice, parseWholeNumber } from '../options.js';

/** Data sets that `--data` names instead of a path. */
export const BUILT_IN_DATA = ['mnist', 'ring', 'grid', 'stacked-mnist'] as const;

/** Points drawn for `--data ring` and `--data grid`. */
export const MIXTURE_POINTS = 100_000;
/**
 * Images made for `--data stacked-mnist`: 12,800 triples (120 MB of
 * float32), about 13 per mode of the 1,000.
 */
export const STACKED_MNIST_IMAGES = 12_800;
/**
 * The seed of the built-in synthetic data. It is fixed, not the training
 * seed, so that every run (and a resumed one) sees the same data.
 */
export const DATA_SEED = 0;
/** Default size of pictures read from a folder: DCGAN needs a multiple of 4. */
export const DEFAULT_IMAGE_SIZE = 32;

/** The data flags of `simdgan train` for picture folders, as commander gives them. */
export interface RawDataOptions {
  badFiles?: string;
  imageSize?: string;
  channels?: string;
}

/** How a folder of pictures becomes a data set. */
export interface FolderFlags {
  badFiles: BadFilePolicy;
  imageSize: number;
  channels: 1 | 3;
}

/** Whether `--data` names a mixture of 2-D points (trained with the MLP pair). */
export function isPointMixture(data: string): boolean {
  return data === 'ring' || data === 'grid';
}

/** Whether `--data` names a built-in data set. */
export function isBuiltIn(data: string): boolean {
  return (BUILT_IN_DATA as readonly string[]).includes(data);
}

/**
 * Checks --bad-files, --image-size (4 to 1024, a multiple of 4 for DCGAN)
 * and --channels; they only make sense with a folder, which is found out
 * when the data is read, so here only built-in names are refused.
 */
export function parseDataFlags(raw: RawDataOptions, data: string): Partial<FolderFlags> {
  const given = (['badFiles', 'imageSize', 'channels'] as const)
    .filter((key) => raw[key] !== undefined);
  if (given.length > 0 && isBuiltIn(data)) {
    const flag = { badFiles: '--bad-files', imageSize: '--image-size', channels: '--channels' };
    throw new CliError('BAD_OPTION',
      `${flag[given[0]]}: only used with a folder of pictures as --data, not ${data}`);
  }
  const flags: Partial<FolderFlags> = {};
  if (raw.badFiles !== undefined) {
    flags.badFiles = parseChoice('--bad-files', raw.badFiles, BAD_FILE_POLICIES);
  }
  if (raw.imageSize !== undefined) {
    const size = parseWholeNumber('--image-size', raw.imageSize, 4, 1024);
    if (size % 4 !== 0) {
      throw new CliError('BAD_OPTION',
        `--image-size: expected a multiple of 4 (the DCGAN halves it twice), got '${size}'`);
    }
    flags.imageSize = size;
  }
  if (raw.channels !== undefined) {
    flags.channels = Number(parseChoice('--channels', raw.channels, ['1', '3'])) as 1 | 3;
  }
  return flags;
}

/** Where training data comes from: `--data`, `--labels` and the folder flags. */
export interface DataSource extends Partial<FolderFlags> {
  data: string;
  labels?: string;
}

/** A loaded data set and what config.json records about it beyond its shape. */
export interface TrainingData {
  dataset: ImageDataset;
  /** `source` (a built-in name or an absolute path), and for folders the flags and classes. */
  record: Record<string, unknown>;
}

/**
 * Loads the data of `source.data`: a built-in name (the bundled MNIST
 * digits, the ring or grid of Gaussians, Stacked MNIST), a folder of PNG and
 * JPEG pictures (optionally in class subfolders), or an IDX images file
 * (with `--labels`). `warn` receives one line per file a folder skipped.
 */
export async function loadTrainingData(
  gan: GanApi,
  source: DataSource,
  warn: (line: string) => void,
): Promise<TrainingData> {
  const { data } = source;
  if (isBuiltIn(data)) {
    return { dataset: await builtIn(gan, data), record: { source: data } };
  }
  if (isFolder(data)) {
    if (source.labels !== undefined) {
      throw new CliError('BAD_OPTION',
        '--labels: only used with an IDX file as --data; a folder labels its pictures ' +
        'by class subfolders');
    }
    const flags: FolderFlags = {
      badFiles: source.badFiles ?? 'refuse',
      imageSize: source.imageSize ?? DEFAULT_IMAGE_SIZE,
      channels: source.channels ?? 3,
    };
    const folder = loadImageFolder(data, {
      size: flags.imageSize, channels: flags.channels, onBadFile: flags.badFiles,
      resize: gan.resizeImage,
    });
    for (const { path, reason } of folder.skipped) warn(`skipped ${path}: ${reason}`);
    return {
      dataset: folder.dataset,
      record: {
        source: resolve(data), ...flags,
        classes: folder.classNames ?? null,
        skipped: folder.skipped.map(({ path }) => resolve(path)),
      },
    };
  }
  const images = gan.parseIdx(readInput('--data', data), data);
  const labels = source.labels === undefined
    ? undefined
    : gan.parseIdx(readInput('--labels', source.labels), source.labels);
  return {
    dataset: gan.idxToDataset(images, labels, basename(data)),
    record: { source: resolve(data) },
  };
}

/**
 * Refuses a run folder (`flag` names it: --out, or --resume) that is the
 * picture folder `data` or inside it: the run's samples/*.png would join the
 * data set on the next run. Links are followed; a folder not made yet is
 * placed by its nearest existing ancestor.
 */
export function checkOutsideData(flag: string, out: string, data: string): void {
  if (isBuiltIn(data) || !isFolder(data)) return;
  const path = relative(realPathOf(data), realPathOf(out));
  const inside = path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
  if (!inside) return;
  throw new CliError('OUT_IN_DATA',
    `${flag} ${out}: is ${path === '' ? 'the' : 'inside the'} --data folder ${data}; ` +
    'the run\'s samples/*.png would become pictures of its data set; choose a run ' +
    'folder outside it');
}

/** The real path of `path`: of its nearest existing ancestor, then the rest of it. */
function realPathOf(path: string): string {
  const rest: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    try {
      return join(realpathSync(current), ...rest);
    } catch {
      if (dirname(current) === current) return resolve(path);
      rest.unshift(basename(current));
    }
  }
}

async function builtIn(gan: GanApi, name: string): Promise<ImageDataset> {
  switch (name) {
    case 'ring':
      return gan.ringMixture(MIXTURE_POINTS, DATA_SEED);
    case 'grid':
      return gan.gridMixture(MIXTURE_POINTS, DATA_SEED);
    case 'stacked-mnist':
      return gan.stackedMnist(await gan.loadMnist(), STACKED_MNIST_IMAGES, DATA_SEED);
    default:
      return gan.loadMnist();
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    // Missing: reading it as a file gives the error that names it.
    return false;
  }
}
