// Values shown as they are: spaces at the ends, and the controls that make text read otherwise than it is.
import { describe, expect, it } from 'vitest';
import { visibleControls, visibleValue } from './visible.js';

describe('visible values', () => {
  it('marks spaces at either end, and only there', () => {
    expect(visibleValue(' /transfer ')).toBe('␠/transfer␠');
    expect(visibleValue('  a b  ')).toBe('␠␠a b␠␠');
    expect(visibleValue('/transfer')).toBe('/transfer');
    expect(visibleValue('   ')).toBe('␠␠␠');
  });

  it('names bidi overrides, zero-width characters and controls', () => {
    expect(visibleControls('Invoice\u202Egpj.exe')).toBe('Invoice⟨U+202E⟩gpj.exe');
    expect(visibleControls('a\u200Bb\u0000c')).toBe('a⟨U+200B⟩b⟨U+0000⟩c');
    expect(visibleControls('tab\tand\nnewline')).toBe('tab\tand\nnewline');
  });
});
