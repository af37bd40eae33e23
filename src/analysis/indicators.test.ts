/** Indicators: values normalized by each language's semantics, and equivalence classes that agree from every side. */
import { describe, expect, it } from 'vitest';
import type { Predicate } from '../model/predicate.js';
import { normalizeValue, predicateIndicators } from './indicators.js';

const predicate = (
  field: string,
  op: Predicate['op'],
  values: string[],
  caseSensitive = false,
  negated = false,
  scope?: string,
): Predicate => ({
  type: 'predicate',
  field,
  op,
  values,
  negated,
  caseSensitive,
  all: false,
  scope,
});

describe('normalizeValue', () => {
  it('turns simple globs into the ops they mean and folds case where matching ignores it', () => {
    expect(normalizeValue('wildcard', '*\\BitsAdmin.exe', false)).toEqual({
      op: 'ends_with',
      value: '\\bitsadmin.exe',
    });
    expect(normalizeValue('wildcard', 'C:\\Windows\\*', false)).toEqual({
      op: 'starts_with',
      value: 'c:\\windows\\',
    });
    expect(normalizeValue('wildcard', '*/transfer*', false)).toEqual({ op: 'match', value: '/transfer' });
    expect(normalizeValue('wildcard', '?:\\Windows\\*.exe', false)).toEqual({
      op: 'wildcard',
      value: '?:\\windows\\*.exe',
    });
    expect(normalizeValue('eq', 'CMD.exe', true)).toEqual({ op: 'eq', value: 'CMD.exe' });
  });

  it('leaves regular expressions as written', () => {
    expect(normalizeValue('regex', '\\S+\\.EXE', false)).toEqual({ op: 'regex', value: '\\S+\\.EXE' });
  });
});

describe('predicateIndicators', () => {
  it("maps each language's field names to one concept", () => {
    const sigma = predicateIndicators(
      predicate('NewProcessName', 'ends_with', ['\\bitsadmin.exe']),
      'sigma',
      1,
    )[0];
    const ecs = predicateIndicators(
      predicate('process.executable', 'wildcard', ['*\\bitsadmin.exe']),
      'eql',
      0,
    )[0];
    expect(sigma).toMatchObject({
      canonical: 'process.image_path',
      op: 'ends_with',
      value: '\\bitsadmin.exe',
      kind: 'detection',
    });
    expect(ecs).toMatchObject({ canonical: 'process.image_path', op: 'ends_with', value: '\\bitsadmin.exe' });
    const kusto = predicateIndicators(
      predicate('ProcessCommandLine', 'match', ['/transfer'], false, false, 'DeviceProcessEvents'),
      'kusto',
      1,
    )[0];
    const sigmaCmd = predicateIndicators(predicate('CommandLine', 'match', ['/transfer']), 'sigma', 1)[0];
    expect(kusto.canonical).toBe('process.command_line');
    expect(`${kusto.canonical}|${kusto.op}|${kusto.value}`).toBe(
      `${sigmaCmd.canonical}|${sigmaCmd.op}|${sigmaCmd.value}`,
    );
  });

  it('gives an image path ending in \\x.exe and the process name x.exe one equivalence key', () => {
    const path = predicateIndicators(predicate('Image', 'ends_with', ['\\bitsadmin.exe']), 'sigma', 1)[0];
    const name = predicateIndicators(predicate('process.name', 'eq', ['bitsadmin.exe']), 'eql', 0)[0];
    const slash = predicateIndicators(predicate('Image', 'ends_with', ['/bitsadmin.exe']), 'sigma', 1)[0];
    expect(path.equivalence).toBe(name.equivalence);
    expect(slash.equivalence).toBe(name.equivalence);
  });

  it('keeps negated predicates apart as exclusions', () => {
    const [ind] = predicateIndicators(predicate('User', 'eq', ['SYSTEM'], false, true), 'sigma', 2);
    expect(ind).toMatchObject({ kind: 'exclusion', value: 'system' });
    expect(ind.equivalence.startsWith('exclusion|')).toBe(true);
  });
});
