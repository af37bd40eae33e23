// The literal set finds every literal occurring in a text, overlapping ones and ones inside others included.
import { describe, expect, it } from 'vitest';
import { LiteralSet } from './aho-corasick.js';

function found(literals: string[], text: string): number[] {
  const set = new LiteralSet();
  literals.forEach((l, i) => set.add(l, i));
  const ids = new Set<number>();
  set.scan(text, (id) => ids.add(id));
  return [...ids].sort();
}

describe('LiteralSet', () => {
  it('finds overlapping and nested literals', () => {
    expect(found(['he', 'she', 'his', 'hers'], 'ushers')).toEqual([0, 1, 3]);
    expect(found(['\\bitsadmin.exe', 'admin', '/transfer'], 'c:\\windows\\bitsadmin.exe /transfer')).toEqual([
      0, 1, 2,
    ]);
  });

  it('finds nothing when no literal occurs, and reads characters outside ASCII', () => {
    expect(found(['abc'], 'abxabdab')).toEqual([]);
    expect(found(['\u2013add', 'é'], 'net user \u2013add café')).toEqual([0, 1]);
  });

  it('finds literals past a state with many edges, searched rather than read in order', () => {
    const literals = [...'abcdefghijklmnopqrstuvwxyz'].map((c) => `x${c}y`);
    expect(found(literals, 'xqy xay xzy xz')).toEqual([0, 16, 25]);
    expect(found(['\u00e9t\u00e9', 'xmz'], 'l\u2019\u00e9t\u00e9 xmy')).toEqual([0]);
  });

  it('answers a text scanned before from memory, and forgets it when a literal is added', () => {
    const set = new LiteralSet();
    set.add('admin', 0);
    const ids = (text: string): number[] => {
      const out: number[] = [];
      set.scan(text, (id) => out.push(id));
      return out;
    };
    expect(ids('bitsadmin admin')).toEqual([0, 0]);
    expect(ids('bitsadmin admin')).toEqual([0, 0]);
    set.add('bits', 1);
    expect(ids('bitsadmin admin')).toEqual([1, 0, 0]);
    for (let i = 0; i < 3000; i++) ids(`text ${i} admin`);
    expect(ids('bitsadmin admin')).toEqual([1, 0, 0]);
  });
});
