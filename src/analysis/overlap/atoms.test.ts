/** Atom implication: exact value implication along eq → ends_with → match, case, numbers and the taxonomy's equivalents. */
import { describe, expect, it } from 'vitest';
import type { Op, Predicate } from '../../model/predicate.js';
import { contradicts, implies, predicateAtoms } from './atoms.js';

function atomOf(field: string, op: Op, value: string, caseSensitive = false) {
  const p: Predicate = {
    type: 'predicate',
    field,
    op,
    values: [value],
    negated: false,
    caseSensitive,
    all: false,
  };
  return predicateAtoms(p, 'sigma', new Set())[0];
}

describe('implies', () => {
  it('follows eq → ends_with → match on one concept, never back', () => {
    const eq = atomOf('Image', 'eq', 'C:\\Windows\\System32\\bitsadmin.exe');
    const tail = atomOf('Image', 'ends_with', '\\bitsadmin.exe');
    const part = atomOf('Image', 'match', 'bitsadmin');
    expect([implies(eq, tail), implies(tail, part), implies(eq, part)]).toEqual([true, true, true]);
    expect([implies(tail, eq), implies(part, tail)]).toEqual([false, false]);
  });

  it('lets a case-sensitive test imply its case-insensitive twin only', () => {
    const cased = atomOf('CommandLine', 'match', 'Transfer', true);
    const folded = atomOf('CommandLine', 'match', 'transfer');
    expect(implies(cased, folded)).toBe(true);
    expect(implies(folded, cased)).toBe(false);
  });

  it('crosses concepts through equivalents: an image path ending in \\x.exe is the process name x.exe', () => {
    expect(
      implies(atomOf('Image', 'ends_with', '\\bitsadmin.exe'), atomOf('Image', 'match', 'bitsadmin')),
    ).toBe(true);
    const name: Predicate = {
      type: 'predicate',
      field: 'process.name',
      op: 'eq',
      values: ['bitsadmin.exe'],
      negated: false,
      caseSensitive: false,
      all: false,
    };
    const [byName] = predicateAtoms(name, 'eql', new Set());
    expect(implies(atomOf('Image', 'ends_with', '\\bitsadmin.exe'), byName)).toBe(true);
  });

  it('compares numeric bounds', () => {
    expect(implies(atomOf('DestinationPort', 'gt', '1024'), atomOf('DestinationPort', 'gte', '1000'))).toBe(
      true,
    );
    expect(implies(atomOf('DestinationPort', 'gte', '1000'), atomOf('DestinationPort', 'gt', '1024'))).toBe(
      false,
    );
    expect(implies(atomOf('DestinationPort', 'eq', '4444'), atomOf('DestinationPort', 'gt', '1024'))).toBe(
      true,
    );
  });
});

describe('contradicts', () => {
  it('knows two exact values or two different endings of one field cannot both hold', () => {
    expect(
      contradicts(atomOf('Image', 'ends_with', '\\a.exe'), atomOf('Image', 'ends_with', '\\b.exe')),
    ).toBe(true);
    expect(contradicts(atomOf('Image', 'ends_with', '\\a.exe'), atomOf('Image', 'match', 'b'))).toBe(false);
    expect(contradicts(atomOf('Image', 'eq', 'c:\\a.exe'), atomOf('Image', 'ends_with', '\\a.exe'))).toBe(
      false,
    );
  });
});
