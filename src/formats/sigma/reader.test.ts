// The Sigma reader: recognition, metadata, multi-document files, and input it must survive.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesRoot, sharedPath } from '../../../test/corpus.js';
import { emptyContext } from '../../languages/language.js';
import { sigmaLanguage } from '../../languages/sigma/index.js';
import { hasError } from '../../text/diagnostics.js';
import type { SourceFile } from '../format.js';
import { sigmaReader } from './index.js';
import { declaredAttack, splitAuthors } from './metadata.js';

function file(path: string, text: string): SourceFile {
  return { path, text, bytes: Buffer.byteLength(text), sourceName: 'test' };
}

const MINIMAL = 'title: t\nlogsource:\n  product: windows\ndetection:\n  sel:\n    a: b\n  condition: sel\n';

describe('recognising Sigma files', () => {
  it('takes rules, v2 correlation rules and filter rules', () => {
    expect(sigmaReader.recognize(file('a.yml', MINIMAL))).toBeDefined();
    expect(sigmaReader.recognize(file('a.yaml', MINIMAL.replaceAll('\n', '\r\n')))).toBeDefined();
    expect(
      sigmaReader.recognize(file('c.yml', 'title: c\ncorrelation:\n  type: event_count\n')),
    ).toBeDefined();
    expect(
      sigmaReader.recognize(
        file('f.yml', 'title: f\nlogsource:\n  product: windows\nfilter:\n  rules: [x]\n'),
      ),
    ).toBe(true);
    expect(sigmaReader.recognize(file('b.yml', `\uFEFF${MINIMAL}`))).toBeDefined();
  });

  it('leaves other YAML and other extensions alone', () => {
    expect(sigmaReader.recognize(file('a.txt', MINIMAL))).toBeUndefined();
    expect(
      sigmaReader.recognize(
        file('info.yml', 'id: x\ndescription: N/A\nregression_tests_info:\n  - name: t\n'),
      ),
    ).toBeUndefined();
    expect(
      sigmaReader.recognize(file('nested.yml', 'meta:\n  title: t\n  detection: x\n  logsource: y\n')),
    ).toBeUndefined();
    expect(sigmaReader.recognize(file('bin.yml', '\u0000\u0001PK\u0003\u0004title'))).toBeUndefined();
  });
});

describe('rule metadata', () => {
  it('maps ATT&CK tags: techniques upper case, tactics as lower-case shortnames with -', () => {
    const attack = declaredAttack([
      'attack.t1048',
      'attack.lateral_movement',
      'attack.Command_and_control',
      'attack.T1059.001',
      'attack.g0016',
      'attack.s0002',
      'attack.ta0003',
      'cve.2021-44228',
      'detection.emerging-threats',
    ]);
    expect(attack.techniques).toEqual(['T1048', 'T1059.001']);
    expect(attack.tactics).toEqual(['lateral-movement', 'command-and-control', 'TA0003']);
  });

  it('splits authors on commas outside parentheses', () => {
    expect(splitAuthors('Florian Roth (Nextron Systems), Jane Doe (ACME, Inc.)')).toEqual([
      'Florian Roth (Nextron Systems)',
      'Jane Doe (ACME, Inc.)',
    ]);
    expect(splitAuthors(['A', 'B'])).toEqual(['A', 'B']);
  });

  it.skipIf(!sharedPath('seeds', 'rules', 'seed-sigma-bits-payload-download.yml'))(
    'reads the seed rule as its page shows it',
    () => {
      const text = readFileSync(
        sharedPath('seeds', 'rules', 'seed-sigma-bits-payload-download.yml')!,
        'utf8',
      );
      const [rule] = sigmaReader.read(file('seed.yml', text), true).rules;
      expect(rule).toMatchObject({
        id: 'seed.yml',
        title: 'BITS payload downloaded via commandline',
        status: 'experimental',
        severity: 'medium',
        authors: ['mdecrevoisier'],
        language: 'sigma',
        format: 'sigma',
        context: { product: 'windows', category: 'process_creation' },
        attack: {
          techniques: ['T1048', 'T1570', 'T1105', 'T1197'],
          tactics: ['exfiltration', 'lateral-movement', 'command-and-control', 'persistence'],
        },
      });
      expect(rule.references).toHaveLength(7);
      expect(rule.metadata).toMatchObject({ falsepositives: ['None'], ruleType: 'detection' });
      expect(rule.query).toMatchObject({ language: 'sigma', text, start: { line: 1, column: 1, offset: 0 } });
      expect(rule.file).toMatchObject({ format: 'YAML', lines: 34 });
    },
  );

  it('keeps both entries of a top-level key written twice, with a warning', () => {
    const text =
      'title: t\ntags:\n  - attack.t1059\nlogsource: {product: windows}\ntags:\n  - attack.t1105\ndetection:\n  sel: {a: b}\n  condition: sel\n';
    const [rule] = sigmaReader.read(file('dup.yml', text), true).rules;
    expect(rule.tags).toEqual(['attack.t1059', 'attack.t1105']);
    expect(rule.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column}`)).toEqual(['warning 5:1']);
  });
});

describe('multi-document files', () => {
  const text = readFileSync(join(examplesRoot, 'sigma', 'win_system_service_install_multi.yml'), 'utf8');

  it('gives one rule per rule document, each with its own slice of the file', () => {
    const result = sigmaReader.read(file('multi.yml', text), true);
    expect(result.rules).toHaveLength(2);
    expect(result.prepared).toHaveLength(2);
    const second = result.rules[1];
    expect(second.raw.startsWith('---\nlogsource:')).toBe(true);
    expect(second.rawStart.line).toBe(text.slice(0, text.lastIndexOf('---')).split('\n').length);
    expect(second).toMatchObject({
      title: 'Service Installed From a User-Writable Folder',
      severity: 'medium',
      context: { service: 'security' },
    });
    expect(second.attack.techniques).toEqual(['T1543.003']);
  });

  it('repeats the previous rule for action: repeat', () => {
    const repeat = `${MINIMAL}---\naction: repeat\ntitle: t2\ndetection:\n  sel:\n    a: c\n`;
    const result = sigmaReader.read(file('r.yml', repeat), true);
    expect(result.rules.map((r) => [r.id, r.title, r.context.product])).toEqual([
      ['r.yml#1', 't', 'windows'],
      ['r.yml#2', 't2', 'windows'],
    ]);
    const q = sigmaLanguage.parse({
      source: result.rules[1].query!,
      context: emptyContext(),
      prepared: result.prepared![1],
    });
    expect(q.diagnostics).toEqual([]);
    expect(q.stages[1].predicates[0].values).toEqual(['c']);
  });
});

describe('input the reader must survive', () => {
  const cases: Array<[string, string]> = [
    [
      'broken.yml',
      'title: t\nlogsource:\n  product: windows\ndetection:\n  sel:\n    a: "unclosed\n  condition: sel\n',
    ],
    ['tabs.yml', 'title: t\nlogsource:\n\tproduct: x\ndetection:\n  condition: sel\n'],
    ['only-global.yml', 'action: global\ntitle: t\nlogsource: {product: w}\ndetection: {condition: x}\n'],
    ['scalar.yml', 'title\nlogsource\ndetection\n'],
    ['weird name [1] (copy).YML', MINIMAL],
    ['binary.yml', `title: \u0000\u0007\uFFFD\nlogsource:\n\u0000\ndetection: [\n`],
    ['deep.yml', `title: t\nlogsource: {}\ndetection: ${'['.repeat(5000)}\n`],
  ];

  for (const [path, text] of cases) {
    it(`reads ${path} into rules with diagnostics or clean, never a throw`, () => {
      const result = sigmaReader.read(file(path, text), true);
      expect(result.rules.length).toBeGreaterThan(0);
      result.rules.forEach((rule, i) => {
        expect(rule.raw.length).toBeGreaterThan(0);
        const q = rule.query
          ? sigmaLanguage.parse({
              source: rule.query,
              context: emptyContext(),
              prepared: result.prepared?.[i],
            })
          : null;
        const all = [...rule.diagnostics, ...(q?.diagnostics ?? [])];
        if (path !== 'weird name [1] (copy).YML') expect(hasError(all)).toBe(true);
        for (const d of all) expect(d.line).toBeGreaterThan(0);
      });
    });
  }

  it('turns broken YAML into a rule with its raw text and a positioned diagnostic', () => {
    const [rule] = sigmaReader.read(file('broken.yml', cases[0][1]), true).rules;
    expect(rule.raw).toBe(cases[0][1]);
    expect(rule.diagnostics[0]).toMatchObject({ severity: 'error', origin: 'sigma' });
    expect(rule.diagnostics[0].line).toBeGreaterThan(1);
  });
});

describe('the examples', () => {
  const dir = join(examplesRoot, 'sigma');
  const names = readdirSync(dir).filter((n) => n.endsWith('.yml'));

  it('are recognised and parse without errors', () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) {
      const f = file(`examples/sigma/${name}`, readFileSync(join(dir, name), 'utf8'));
      expect(sigmaReader.recognize(f)).toBeDefined();
      const result = sigmaReader.read(f, true);
      result.rules.forEach((rule, i) => {
        const q = sigmaLanguage.parse({
          source: rule.query!,
          context: emptyContext(),
          prepared: result.prepared?.[i],
        });
        expect([...rule.diagnostics, ...q.diagnostics]).toEqual([]);
      });
    }
  });

  it('include a correlation rule that names another example rule', () => {
    const read = (name: string) =>
      sigmaReader.read(file(name, readFileSync(join(dir, name), 'utf8')), true).rules[0];
    const correlation = read('correlation_password_spray.yml');
    const base = read('win_security_failed_logon.yml');
    const referenced = (correlation.metadata.correlation as { rules: string[] }).rules;
    expect(referenced).toContain(base.metadata.name);
    expect(referenced).toContain(base.id);
    const q = sigmaLanguage.parse({ source: correlation.query!, context: emptyContext() });
    expect(q.stages[0]).toMatchObject({ kind: 'correlation', name: 'value_count' });
    expect(q.stages[0].predicates[0]).toMatchObject({
      field: 'value_count(TargetUserName)',
      op: 'gte',
      values: ['20'],
    });
  });
});
