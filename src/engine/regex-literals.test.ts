// The prefilter's literals from regular expressions: each must be in every match, or there is none.
import { describe, expect, it } from 'vitest';
import { regexLiterals } from './regex-literals.js';

describe('regexLiterals', () => {
  it('takes the longest required run, escapes read as their character', () => {
    expect(regexLiterals('\\$PSHome\\[\\s*\\d{1,3}\\s*\\]\\s*\\+\\s*\\$PSHome\\[')).toEqual(['$pshome[']);
    expect(regexLiterals('ipconfig\\s+/all')).toEqual(['ipconfig']);
    expect(regexLiterals('(?:a|b)werfaultsecure\\.exe')).toEqual(['werfaultsecure.exe']);
  });

  it('drops characters a quantifier makes optional and keeps one of a repeated character', () => {
    expect(regexLiterals('abcx?defg')).toEqual(['defg']);
    expect(regexLiterals('abcx*yz')).toEqual(['abc']);
    expect(regexLiterals('abcdx+yz')).toEqual(['abcdx']);
    expect(regexLiterals('ab{0,3}cdef')).toEqual(['cdef']);
    expect(regexLiterals('abc.*?defgh')).toEqual(['defgh']);
  });

  it('needs a literal in every top-level alternative', () => {
    expect(regexLiterals('mimikatz|sekurlsa::')).toEqual(['mimikatz', 'sekurlsa::']);
    expect(regexLiterals('mimikatz|.{3}')).toBeUndefined();
    expect(regexLiterals('.{1000,}')).toBeUndefined();
    expect(regexLiterals('[a-z]{3}\\d+')).toBeUndefined();
  });

  it('does not read inside groups or classes, nor through character-class escapes', () => {
    expect(regexLiterals('(abc|xyz)defg')).toEqual(['defg']);
    expect(regexLiterals('[|()]abcd')).toEqual(['abcd']);
    expect(regexLiterals('ab\\dcd\\wefg')).toEqual(['efg']);
    expect(regexLiterals('\\x41bcd')).toEqual(['bcd']);
  });

  it('gives nothing for an unclosed group', () => {
    expect(regexLiterals('abc(def')).toBeUndefined();
  });
});
