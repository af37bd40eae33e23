// Sigma string values: wildcards, escapes, the glob a wildcard predicate keeps, and placeholders.
import { describe, expect, it } from 'vitest';
import { placeholders, sigmaString, wrapGlob } from './values.js';

describe('Sigma strings', () => {
  it('leaves a value with no special character alone', () => {
    expect(sigmaString('cmd.exe')).toMatchObject({ plain: 'cmd.exe', glob: 'cmd.exe', wildcard: false });
  });

  it('treats a lone backslash as a backslash, as the specification says', () => {
    expect(sigmaString('C:\\Windows\\')).toMatchObject({ plain: 'C:\\Windows\\', wildcard: false });
  });

  it('unescapes \\*, \\? and \\\\', () => {
    expect(sigmaString('a\\*b\\?c\\\\d')).toMatchObject({ plain: 'a*b?c\\d', wildcard: false });
  });

  it('finds unescaped wildcards and writes them back in Sigma escaping', () => {
    expect(sigmaString('*\\rundll32.exe')).toMatchObject({
      wildcard: true,
      glob: '*\\rundll32.exe',
      leadingWildcard: true,
      trailingWildcard: false,
    });
    expect(sigmaString('dir C:\\\\*')).toMatchObject({
      wildcard: true,
      glob: 'dir C:\\\\*',
      trailingWildcard: true,
    });
    expect(sigmaString('*\\file\\*name?.txt').glob).toBe('*\\file\\*name?.txt');
  });

  it('wraps a glob the way contains, startswith and endswith mean it', () => {
    const value = sigmaString('a*b');
    expect(wrapGlob(value, 'contains')).toBe('*a*b*');
    expect(wrapGlob(value, 'startswith')).toBe('a*b*');
    expect(wrapGlob(value, 'endswith')).toBe('*a*b');
    expect(wrapGlob(value, undefined)).toBe('a*b');
    expect(wrapGlob(sigmaString('*x*'), 'contains')).toBe('*x*');
  });

  it('lists %name% placeholders', () => {
    expect(placeholders('ADM-%site%-%role%')).toEqual(['%site%', '%role%']);
    expect(placeholders('100% sure')).toEqual([]);
  });
});
