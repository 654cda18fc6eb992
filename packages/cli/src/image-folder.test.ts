import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { resizeImage } from '@simdgan/gan';
import jpeg from 'jpeg-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { decodeImageFile } from './image-file.js';
import { loadImageFolder, type ImageFolderOptions } from './image-folder.js';
import { encodePng } from './png.js';
import { temporaryFolder } from './test/fake-gan.js';
import { cliError } from './test/cli-error.js';
import { jpegStating, pngStating } from './test/stated-size.js';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => folder.remove());

/** PNG bytes of a width x height opaque picture of one gray level. */
function png(width: number, height: number, level: number): Uint8Array {
  const rgba = new Uint8ClampedArray(width * height * 4).fill(level);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  return encodePng({ width, height, rgba });
}

/** JPEG bytes of a width x height picture of one colour, at top quality. */
function jpg(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], 4 * i);
  return new Uint8Array(jpeg.encode({ width, height, data }, 100).data);
}

function write(path: string, bytes: Uint8Array | string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

const options: ImageFolderOptions = {
  size: 4, channels: 1, onBadFile: 'refuse', resize: resizeImage,
};


describe('decodeImageFile', () => {
  it('reads PNG and JPEG by their signatures, whatever the name', () => {
    const fromPng = decodeImageFile(png(3, 2, 200));
    expect(fromPng).toMatchObject({ width: 3, height: 2, channels: 4 });
    expect(Array.from(fromPng.pixels.subarray(0, 4))).toEqual([200, 200, 200, 255]);
    const fromJpeg = decodeImageFile(jpg(8, 8, [250, 10, 10]));
    expect(fromJpeg).toMatchObject({ width: 8, height: 8, channels: 4 });
    expect(Math.abs(fromJpeg.pixels[0] - 250)).toBeLessThan(8);
  });

  it('says why other bytes are not a picture', () => {
    expect(() => decodeImageFile(new Uint8Array(0))).toThrow('file is empty');
    expect(() => decodeImageFile(new TextEncoder().encode('hello'))).toThrow(
      'not a PNG or JPEG file (it starts with 68 65 6c 6c)');
    const cut = png(8, 8, 1).subarray(0, 40);
    expect(() => decodeImageFile(cut)).toThrow();
  });
});

describe('loadImageFolder', () => {
  it('reads pictures of any size in name order, resized, without labels', () => {
    write(join(folder.path, 'b.jpg'), jpg(16, 16, [255, 255, 255]));
    write(join(folder.path, 'a.png'), png(8, 6, 0));
    write(join(folder.path, 'notes.txt'), 'not a picture');
    write(join(folder.path, '.DS_Store'), 'hidden');
    const result = loadImageFolder(folder.path, options);
    expect(result.dataset).toMatchObject({ count: 2, height: 4, width: 4, channels: 1 });
    expect(result.dataset.labels).toBeUndefined();
    expect(result.classNames).toBeUndefined();
    expect(Array.from(result.dataset.images.subarray(0, 16))).toEqual(new Array(16).fill(-1));
    expect(result.dataset.images[16]).toBeGreaterThan(0.95);
    expect(result.ignored).toEqual([join(folder.path, 'notes.txt')]);
    expect(result.skipped).toEqual([]);
  });

  it('labels pictures by sorted class subfolders, in 3 channels', () => {
    write(join(folder.path, 'dogs', 'x.png'), png(4, 4, 255));
    write(join(folder.path, 'cats', 'y.PNG'), png(4, 4, 0));
    write(join(folder.path, 'cats', 'z.jpeg'), jpg(4, 4, [0, 0, 0]));
    const result = loadImageFolder(folder.path, { ...options, channels: 3 });
    expect(result.classNames).toEqual(['cats', 'dogs']);
    expect(Array.from(result.dataset.labels!)).toEqual([0, 0, 1]);
    expect(result.dataset).toMatchObject({ count: 3, channels: 3, classCount: 2 });
  });

  it('follows links to pictures', () => {
    const target = write(join(folder.path, '..', `${folder.path.split('/').pop()}-x.png`),
      png(4, 4, 9));
    mkdirSync(join(folder.path, 'in'));
    symlinkSync(target, join(folder.path, 'in', 'link.png'));
    expect(loadImageFolder(join(folder.path, 'in'), options).dataset.count).toBe(1);
  });

  it('refuses an unreadable picture by default, naming it and the reason', () => {
    write(join(folder.path, 'good.png'), png(4, 4, 1));
    const bad = write(join(folder.path, 'bad.png'), 'GIF89a');
    const error = cliError(() => loadImageFolder(folder.path, options));
    expect(error.code).toBe('BAD_IMAGE');
    expect(error.message).toBe(
      `--data: ${bad}: cannot read the picture: not a PNG or JPEG file (it starts with ` +
      '47 49 46 38); fix or remove it, or pass --bad-files skip to leave such files out');
  });

  it('skips unreadable pictures when asked, listing each by name', () => {
    write(join(folder.path, 'good.png'), png(4, 4, 1));
    const empty = write(join(folder.path, 'empty.jpg'), '');
    const cut = write(join(folder.path, 'cut.png'), png(8, 8, 1).subarray(0, 40));
    const result = loadImageFolder(folder.path, { ...options, onBadFile: 'skip' });
    expect(result.dataset.count).toBe(1);
    expect(result.dataset.images.length).toBe(16);
    expect(result.skipped.map((file) => file.path)).toEqual([cut, empty]);
    expect(result.skipped[1].reason).toBe('file is empty');
  });

  it('refuses a picture whose header states a huge size by name, without decoding it', () => {
    write(join(folder.path, 'good.png'), png(4, 4, 1));
    const huge = write(join(folder.path, 'huge.png'), pngStating(png(2, 2, 1), 60000, 60000));
    const error = cliError(() => loadImageFolder(folder.path, options));
    expect(error.code).toBe('BAD_IMAGE');
    expect(error.message).toBe(`--data: ${huge}: cannot read the picture: its header says ` +
      '60000x60000 pixels, more than simdgan decodes (8192 on a side, 40 megapixels); ' +
      'fix or remove it, or pass --bad-files skip to leave such files out');

    const wide = write(join(folder.path, 'wide.jpg'), jpegStating(jpg(8, 8, [9, 9, 9]), 9000, 8));
    const result = loadImageFolder(folder.path, { ...options, onBadFile: 'skip' });
    expect(result.dataset.count).toBe(1);
    expect(result.skipped).toEqual([
      { path: huge, reason: 'its header says 60000x60000 pixels, more than simdgan decodes ' +
        '(8192 on a side, 40 megapixels)' },
      { path: wide, reason: 'its header says 9000x8 pixels, more than simdgan decodes ' +
        '(8192 on a side, 40 megapixels)' },
    ]);
  });

  it('refuses a mixed layout, an empty folder, an empty class and a missing folder', () => {
    write(join(folder.path, 'loose.png'), png(4, 4, 1));
    write(join(folder.path, 'cls', 'a.png'), png(4, 4, 1));
    expect(cliError(() => loadImageFolder(folder.path, options)).message).toBe(
      `--data ${folder.path}: holds both pictures (loose.png) and class subfolders (cls); ` +
      'put every picture in a class subfolder, or use no subfolders');
    const empty = join(folder.path, 'cls2');
    mkdirSync(empty);
    write(join(empty, 'readme.md'), 'hi');
    const noPictures = cliError(() => loadImageFolder(empty, options));
    expect(noPictures.code).toBe('DATA_EMPTY');
    expect(noPictures.message).toBe(`--data ${empty}: holds no .png, .jpg, .jpeg files`);
    const classes = join(folder.path, 'classes');
    write(join(classes, 'one', 'a.png'), png(4, 4, 1));
    write(join(classes, 'two', 'b.png'), 'broken');
    const emptyClass = cliError(() =>
      loadImageFolder(classes, { ...options, onBadFile: 'skip' }));
    expect(emptyClass.code).toBe('DATA_EMPTY_CLASS');
    expect(emptyClass.message).toBe(
      `--data ${classes}: class subfolder two holds no readable pictures`);
    const missing = cliError(() => loadImageFolder(join(folder.path, 'nope'), options));
    expect(missing.code).toBe('READ_FAILED');
  });
});
