/** File and query positions: the basis of every span and diagnostic. */
import { describe, expect, it } from 'vitest';
import { FileLocator, locateLines, QueryLocator } from './locator.js';

describe('FileLocator', () => {
  it('gives 1-based lines and columns and counts lines as editors do', () => {
    const f = new FileLocator('ab\ncd\r\nef\n');
    expect(f.position(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(f.position(4)).toEqual({ line: 2, column: 2, offset: 4 });
    expect(f.position(7)).toEqual({ line: 3, column: 1, offset: 7 });
    expect(f.lineCount).toBe(3);
    expect(new FileLocator('one line').lineCount).toBe(1);
  });
});

describe('QueryLocator', () => {
  it('maps a contiguous query by its start', () => {
    const q = new QueryLocator({ text: 'a\nbc', start: { line: 10, column: 5, offset: 100 } });
    expect(q.position(0)).toEqual({ line: 10, column: 5, offset: 100 });
    expect(q.position(3)).toEqual({ line: 11, column: 2, offset: 103 });
  });

  it('maps a YAML block scalar line by line', () => {
    const file = 'search: |\n  index=main\n  | stats count\n';
    const value = 'index=main\n| stats count\n';
    const lineStarts = locateLines(file, 9, file.length, value);
    const q = new QueryLocator({ text: value, start: lineStarts[0], lineStarts });
    expect(q.position(0)).toEqual({ line: 2, column: 3, offset: 12 });
    expect(q.position(13)).toEqual({ line: 3, column: 5, offset: 27 });
  });
});
