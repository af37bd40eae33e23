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
    expect(normalizeValue('regex', 'a|b', false)).toEqual({ op: 'regex', value: 'a|b' });
    expect(normalizeValue('regex', '\\d+\\.exe', false)).toEqual({ op: 'regex', value: '\\d+\\.exe' });
  });

  it('reads a regex that finds one literal as the plain test it means', () => {
    expect(normalizeValue('regex', '.*\\\\WinWord\\.exe', false)).toEqual({
      op: 'match',
      value: '\\winword.exe',
    });
    expect(normalizeValue('regex', '\\\\winword\\.exe$', true)).toEqual({
      op: 'ends_with',
      value: '\\winword.exe',
    });
    expect(normalizeValue('regex', '^(?:C:\\\\Temp\\\\.*)$', true)).toEqual({
      op: 'starts_with',
      value: 'C:\\Temp\\',
    });
    expect(normalizeValue('regex', '(?i)^cmd\\.exe$', true)).toEqual({ op: 'eq', value: 'cmd.exe' });
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

  it('writes a registry root one way, whatever name the rule gives it', () => {
    const run = 'hklm\\software\\microsoft\\windows\\currentversion\\run\\';
    const eql = predicateIndicators(
      predicate('registry.path', 'wildcard', [
        'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\\\*',
      ]),
      'eql',
      0,
    )[0];
    const kusto = predicateIndicators(
      predicate(
        'RegistryKey',
        'starts_with',
        ['HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\'],
        false,
        false,
        'DeviceRegistryEvents',
      ),
      'kusto',
      1,
    )[0];
    const sigma = predicateIndicators(
      predicate('TargetObject', 'starts_with', [
        '\\REGISTRY\\MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\',
      ]),
      'sigma',
      1,
    )[0];
    for (const ind of [eql, kusto, sigma])
      expect(ind).toMatchObject({ canonical: 'registry.key', op: 'starts_with', value: run });
    const users = predicateIndicators(
      predicate('registry.key', 'eq', ['HKEY_USERS\\S-1-5-18\\Environment']),
      'eql',
      0,
    );
    expect(users[0].value).toBe('hku\\s-1-5-18\\environment');
    const sensitive = predicateIndicators(
      predicate('RegistryKey', 'eq', ['HKEY_CURRENT_USER\\Run'], true),
      'kusto',
      0,
    );
    expect(sensitive[0].value).toBe('HKCU\\Run');
    const notRoot = predicateIndicators(predicate('TargetObject', 'match', ['\\HKLMX\\Run']), 'sigma', 0);
    expect(notRoot[0].value).toBe('\\hklmx\\run');
  });

  it('links a registry key under any root with the same key path written without one', () => {
    const key = (
      field: string,
      op: Predicate['op'],
      value: string,
      language: 'sigma' | 'eql' | 'kusto' | 'yaral' = 'sigma',
      caseSensitive = false,
    ) => predicateIndicators(predicate(field, op, [value], caseSensitive), language, 0)[0];
    const sigma = key('TargetObject', 'match', '\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run');
    const eql = key(
      'registry.path',
      'wildcard',
      'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\\\*',
      'eql',
    );
    const kusto = key(
      'RegistryKey',
      'match',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
      'kusto',
    );
    const yaral = key(
      'target.registry.registry_key',
      'eq',
      'HKCU\\SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\RUN',
      'yaral',
      true,
    );
    for (const other of [eql, kusto, yaral]) expect(other.equivalence).toBe(sigma.equivalence);
    const runOnce = key('TargetObject', 'match', '\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce');
    expect(runOnce.equivalence).not.toBe(sigma.equivalence);
  });

  it('reads a backslash before a wildcard as one thing in every language', () => {
    // Sigma and the EQL, kuery and Lucene lowerings write a backslash before a wildcard as `\\*` (the model's
    // glob form); SPL values have the backslash bare.
    const sigma = predicateIndicators(
      predicate('TargetObject', 'wildcard', ['HKU\\\\*\\Software\\\\*\\Run']),
      'sigma',
      1,
    )[0];
    const eql = predicateIndicators(
      predicate('registry.path', 'wildcard', ['HKEY_USERS\\\\*\\Software\\\\*\\Run']),
      'eql',
      0,
    )[0];
    expect(sigma).toMatchObject({ op: 'wildcard', value: 'hku\\*\\software\\*\\run' });
    expect(eql.value).toBe(sigma.value);
    // A Sigma `\*` is a literal star, kept apart from the wildcard.
    expect(normalizeValue('wildcard', '*\\*.lnk*', false, 'sigma')).toEqual({ op: 'match', value: '*.lnk' });
    expect(normalizeValue('wildcard', 'a\\*b*c?', false, 'sigma')).toEqual({
      op: 'wildcard',
      value: 'a[*]b*c?',
    });
    expect(normalizeValue('wildcard', '*\\Run\\*', false, 'sigma')).toEqual({
      op: 'ends_with',
      value: '\\run*',
    });
    expect(normalizeValue('wildcard', '*\\Run\\\\*', false, 'sigma')).toEqual({
      op: 'match',
      value: '\\run\\',
    });
    expect(normalizeValue('wildcard', '*\\Run\\\\*', false, 'eql')).toEqual({
      op: 'match',
      value: '\\run\\',
    });
  });

  it('gives an ECS argument and the command line word one equivalence key', () => {
    const args = predicateIndicators(predicate('process.args', 'eq', ['-enc']), 'eql', 0)[0];
    expect(args).toMatchObject({ canonical: 'process.args', op: 'eq', value: '-enc' });
    const kusto = predicateIndicators(
      predicate('ProcessCommandLine', 'match', ['-enc'], false, false, 'DeviceProcessEvents'),
      'kusto',
      1,
    )[0];
    const sigma = predicateIndicators(predicate('CommandLine', 'match', [' -enc ']), 'sigma', 1)[0];
    const splunk = predicateIndicators(predicate('Processes.process', 'wildcard', ['* -enc *']), 'spl', 1)[0];
    for (const other of [kusto, sigma, splunk]) expect(other.equivalence).toBe(args.equivalence);
    const phrase = predicateIndicators(predicate('CommandLine', 'match', ['-enc x']), 'sigma', 1)[0];
    expect(phrase.equivalence).not.toBe(args.equivalence);
  });

  it("links Kusto's InitiatingProcessFileName has a file name to the parent process name", () => {
    const kusto = predicateIndicators(
      predicate('InitiatingProcessFileName', 'match', ['WINWORD.EXE'], false, false, 'DeviceProcessEvents'),
      'kusto',
      1,
    )[0];
    const sigma = predicateIndicators(
      predicate('ParentImage', 'ends_with', ['\\winword.exe']),
      'sigma',
      1,
    )[0];
    const eql = predicateIndicators(predicate('process.parent.name', 'eq', ['WINWORD.EXE']), 'eql', 0)[0];
    expect(kusto.canonical).toBe('process.parent.name');
    expect(kusto.equivalence).toBe(sigma.equivalence);
    expect(eql.equivalence).toBe(sigma.equivalence);
  });

  it('links a YARA-L regex for a parent path ending in winword.exe to the ends_with class', () => {
    // `principal.process.file.full_path = /.*\\winword\.exe/ nocase` as the YARA-L parser stores it.
    const yaral = predicateIndicators(
      predicate('principal.process.file.full_path', 'regex', ['\\\\winword\\.exe']),
      'yaral',
      0,
    )[0];
    const sigma = predicateIndicators(
      predicate('ParentImage', 'ends_with', ['\\winword.exe']),
      'sigma',
      1,
    )[0];
    expect(yaral).toMatchObject({
      canonical: 'process.parent.image_path',
      op: 'match',
      value: '\\winword.exe',
    });
    expect(yaral.equivalence).toBe(sigma.equivalence);
  });
});
