import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { temporaryFolder } from '../test/fake-gan.js';
import { parseRunRecords, readRunRecords } from './run-records.js';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => (folder = temporaryFolder()));
afterEach(() => folder.remove());

describe('run records', () => {
  it('parses metrics.jsonl lines, skipping blanks and an unfinished last line', () => {
    const text = '{"step":10,"discriminatorLoss":1.2}\n\n{"step":20,"metrics":{"m":1}}\n{"st';
    expect(parseRunRecords(text, 'm.jsonl')).toEqual([
      { step: 10, discriminatorLoss: 1.2 }, { step: 20, metrics: { m: 1 } }]);
  });

  it('refuses a bad line in the middle with its number', () => {
    expect(() => parseRunRecords('{"step":1}\nnot json\n{"step":2}\n', 'm.jsonl')).toThrow(
      /^m\.jsonl: line 2 is not JSON: /);
    expect(() => parseRunRecords('{"loss":1}\n', 'm.jsonl')).toThrow(
      expect.objectContaining({ code: 'BAD_METRICS',
        message: 'm.jsonl: line 1 has no numeric "step"' }));
  });

  it('reads a file, and a missing file as no records', () => {
    const path = join(folder.path, 'metrics.jsonl');
    expect(readRunRecords(path)).toEqual([]);
    writeFileSync(path, '{"step":1,"generatorLoss":0.5}\n');
    expect(readRunRecords(path)).toEqual([{ step: 1, generatorLoss: 0.5 }]);
  });
});
