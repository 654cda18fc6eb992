import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

import type { DecodedImage, ImageDataset, ResizeOptions } from '@simdgan/gan';

import { CliError, reasonOf } from './errors.js';
import { decodeImageFile } from './image-file.js';

/** What to do with a file that cannot be decoded. */
export const BAD_FILE_POLICIES = ['skip', 'refuse'] as const;
/** One of {@link BAD_FILE_POLICIES}. */
export type BadFilePolicy = (typeof BAD_FILE_POLICIES)[number];

/** File name endings read as images (any case). */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];

/** A file left out, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** How {@link loadImageFolder} reads a folder. */
export interface ImageFolderOptions {
  /** Height and width of the model's images. */
  size: number;
  /** 1 (gray) or 3 (RGB). */
  channels: 1 | 3;
  /** 'skip': leave unreadable files out and list them; 'refuse': stop at the first. */
  onBadFile: BadFilePolicy;
  /** The library's resizeImage: pictures are shrunk one at a time, as they are read. */
  resize: (image: DecodedImage, options: ResizeOptions) => Float32Array;
  /** The flag that named the folder, for messages; default '--data'. */
  flag?: string;
}

/** A folder of images read into memory. */
export interface ImageFolder {
  dataset: ImageDataset;
  /** Class names (sorted subfolder names); label i is classNames[i]. */
  classNames?: string[];
  /** Unreadable files left out under 'skip', for the caller to report. */
  skipped: SkippedFile[];
  /** Files that are not .png, .jpg or .jpeg, which were not read. */
  ignored: string[];
}

function isImageName(name: string): boolean {
  return IMAGE_EXTENSIONS.includes(extname(name).toLowerCase());
}

/** A folder entry: its name and whether it is a file or a folder (links followed). */
interface Entry {
  name: string;
  kind: 'file' | 'folder' | 'other';
}

/** Entries of a folder, hidden ones (starting with '.') left out, sorted by name. */
function listFolder(flag: string, folder: string): Entry[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    throw new CliError('READ_FAILED', `${flag} ${folder}: cannot read: ${reasonOf(error)}`);
  }
  return names
    .filter((name) => !name.startsWith('.'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => {
      try {
        const stats = statSync(join(folder, name));
        return { name, kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other' };
      } catch {
        // A broken link: listed, so that reading it reports the reason.
        return { name, kind: 'file' };
      }
    });
}

/** The picture files of a folder, with their class labels. */
interface FolderListing {
  files: { path: string; label: number }[];
  /** Sorted subfolder names, when the folder has class subfolders. */
  classNames?: string[];
  ignored: string[];
}

/** Lists the pictures of `folder` in one of the two layouts (see loadImageFolder). */
function listPictures(flag: string, folder: string): FolderListing {
  const entries = listFolder(flag, folder);
  const subfolders = entries.filter((entry) => entry.kind === 'folder');
  const isPicture = (entry: Entry) => entry.kind === 'file' && isImageName(entry.name);
  const loose = entries.filter(isPicture);
  if (subfolders.length > 0 && loose.length > 0) {
    throw new CliError('DATA_MIXED_LAYOUT',
      `${flag} ${folder}: holds both pictures (${loose[0].name}) and class subfolders ` +
      `(${subfolders[0].name}); put every picture in a class subfolder, or use no subfolders`);
  }

  const files: FolderListing['files'] = [];
  const ignored: string[] = [];
  if (subfolders.length === 0) {
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (isPicture(entry)) files.push({ path, label: 0 });
      else ignored.push(path);
    }
    return { files, ignored };
  }
  // Loose files beside class subfolders, and folders inside them, are not read.
  for (const entry of entries) {
    if (entry.kind !== 'folder') ignored.push(join(folder, entry.name));
  }
  const classNames = subfolders.map((entry) => entry.name);
  classNames.forEach((name, label) => {
    for (const entry of listFolder(flag, join(folder, name))) {
      const path = join(folder, name, entry.name);
      if (isPicture(entry)) files.push({ path, label });
      else ignored.push(path);
    }
  });
  return { files, classNames, ignored };
}

/**
 * Reads a folder of PNG and JPEG pictures into a data set of
 * `[count, size, size, channels]` in [-1, 1], resized by `options.resize`.
 * Two layouts: pictures directly in the folder (no labels), or one subfolder
 * per class (labels are the indices of the sorted subfolder names). Hidden
 * files are passed over; other files without a picture ending are listed in
 * `ignored`. A picture that cannot be decoded is left out and listed in
 * `skipped` ('skip') or stops the reading with a CliError ('BAD_IMAGE')
 * naming the file and the reason ('refuse'). Files are read in name order,
 * so the same folder always gives the same data set.
 */
export function loadImageFolder(folder: string, options: ImageFolderOptions): ImageFolder {
  const flag = options.flag ?? '--data';
  const { files, classNames, ignored } = listPictures(flag, folder);
  if (files.length === 0) {
    throw new CliError('DATA_EMPTY',
      `${flag} ${folder}: holds no ${IMAGE_EXTENSIONS.join(', ')} files`);
  }

  const { size, channels } = options;
  const pixels = size * size * channels;
  const images = new Float32Array(files.length * pixels);
  const labels = new Int32Array(files.length);
  const skipped: SkippedFile[] = [];
  let count = 0;
  for (const { path, label } of files) {
    let resized: Float32Array;
    try {
      const picture = decodeImageFile(readFileSync(path));
      resized = options.resize(picture, { size, channels, source: path });
    } catch (error) {
      const reason = reasonOf(error);
      if (options.onBadFile === 'refuse') {
        throw new CliError('BAD_IMAGE',
          `${flag}: ${path}: cannot read the picture: ${reason}; ` +
          'fix or remove it, or pass --bad-files skip to leave such files out');
      }
      skipped.push({ path, reason });
      continue;
    }
    images.set(resized, count * pixels);
    labels[count] = label;
    count++;
  }

  if (classNames !== undefined) {
    const found = new Set(labels.subarray(0, count));
    const empty = classNames.filter((_, label) => !found.has(label));
    if (empty.length > 0) {
      throw new CliError('DATA_EMPTY_CLASS',
        `${flag} ${folder}: class subfolder ${empty.join(', ')} holds no readable pictures`);
    }
  } else if (count === 0) {
    throw new CliError('DATA_EMPTY',
      `${flag} ${folder}: none of its ${files.length} pictures could be read`);
  }

  const name = folder.replace(/[/\\]+$/, '').split(/[/\\]/).pop() || folder;
  const dataset: ImageDataset = {
    name, count, height: size, width: size, channels,
    // Copied only when files were skipped, to hand back no unused memory.
    images: count === files.length ? images : images.slice(0, count * pixels),
    ...(classNames === undefined
      ? {}
      : { labels: labels.slice(0, count), classCount: classNames.length }),
  };
  return {
    dataset,
    ...(classNames === undefined ? {} : { classNames }),
    skipped,
    ignored,
  };
}
