import { describe, expect, it } from 'vitest';
import { noun, plural } from './plural.js';

describe('plural', () => {
  it('writes one thing in the singular and any other count in the plural', () => {
    expect(plural(1, 'rule')).toBe('1 rule');
    expect(plural(0, 'rule')).toBe('0 rules');
    expect(plural(2, 'source')).toBe('2 sources');
    expect(plural(1, 'match', 'matches')).toBe('1 match');
    expect(plural(3, 'match', 'matches')).toBe('3 matches');
  });

  it('gives the word alone for a count written apart, verbs included', () => {
    expect(noun(1, 'rule')).toBe('rule');
    expect(noun(5, 'rule')).toBe('rules');
    expect(noun(1, 'fires', 'fire')).toBe('fires');
    expect(noun(2, 'it', 'them')).toBe('them');
  });
});
