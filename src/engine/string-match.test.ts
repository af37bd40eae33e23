// Regex tests remember their answers per text, and the answers stay those of the pattern.
import { describe, expect, it } from 'vitest';
import { regexTest } from './string-match.js';

describe('regexTest', () => {
  it('gives the pattern answer, the first time and from memory', () => {
    let runs = 0;
    const re = /.{10,}/s;
    const counting = { test: (text: string) => (runs++, re.test(text)) } as unknown as RegExp;
    const test = regexTest(counting);
    expect(test('short', 'short')).toBe(false);
    expect(test('a value long enough', '')).toBe(true);
    expect(test('short', 'short')).toBe(false);
    expect(runs).toBe(2);
  });

  it('stays right after its memory fills and empties', () => {
    const test = regexTest(/^x\d+$/);
    for (let i = 0; i < 2000; i++) expect(test(`x${i}`, '')).toBe(true);
    expect(test('y1', '')).toBe(false);
    expect(test('x1', '')).toBe(true);
  });
});
