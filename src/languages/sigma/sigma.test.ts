// The Sigma language end to end: the seed rule, parsing from text alone, file positions, odd input.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../../test/corpus.js';
import { parseQuery } from '../../../test/parse.js';
import { projectQuery } from '../../../test/project.js';
import { sigmaReader } from '../../formats/sigma/index.js';
import type { ParsedQuery } from '../../model/stage.js';
import { emptyContext } from '../language.js';
import { sigmaLanguage } from './index.js';

const seedPath = sharedPath('seeds', 'rules', 'seed-sigma-bits-payload-download.yml');

function readAndParse(text: string, path = 'rules/test.yml'): { queries: ParsedQuery[]; ruleIds: string[] } {
  const result = sigmaReader.read({ path, text, bytes: text.length, sourceName: 'test' }, true);
  const queries = result.rules.map((rule, i) =>
    sigmaLanguage.parse({ source: rule.query!, context: emptyContext(), prepared: result.prepared?.[i] }),
  );
  return { queries, ruleIds: result.rules.map((r) => r.id) };
}

const RULE = [
  'title: Whoami by a service account',
  'logsource:',
  '    category: process_creation',
  '    product: windows',
  'detection:',
  '    selection:',
  "        Image|endswith: '\\whoami.exe'",
  '    filter:',
  '        User|contains: admin',
  '    condition: selection and not filter',
  '',
].join('\n');

describe.skipIf(!seedPath)('the Sigma seed rule', () => {
  it('gives stage 0 condition and stage 1 selection with the seed predicates', () => {
    const text = readFileSync(seedPath!, 'utf8');
    const [q] = readAndParse(text, 'seed-sigma-bits-payload-download.yml').queries;
    expect(q.diagnostics).toEqual([]);
    expect(q.stages.map((s) => [s.index, s.kind, s.name, s.text.split('\n')[0]])).toEqual([
      [0, 'condition', undefined, 'selection'],
      [1, 'selection', 'selection', 'selection:'],
    ]);
    expect(q.stages[1].predicates.map((p) => [p.field, p.op, p.values, p.negated, p.caseSensitive])).toEqual([
      ['NewProcessName', 'ends_with', ['\\bitsadmin.exe'], false, false],
      ['CommandLine', 'match', ['/transfer', '/download'], false, false],
    ]);
    expect(q.stages[1].predicates[0].span?.start).toMatchObject({ line: 27, column: 5 });
    expect(q.stages[0].span?.start).toMatchObject({ line: 31, column: 14 });
    expect(q.dataSources.map((d) => d.value)).toEqual(['product:windows', 'category:process_creation']);
  });
});

describe('parsing from the rule text alone', () => {
  it('gives what the reader hand-off gives for a one-document file', () => {
    const fromText = parseQuery('sigma', RULE);
    const [handedOff] = readAndParse(RULE).queries;
    expect(projectQuery(fromText)).toEqual(projectQuery(handedOff));
    expect(fromText.stages[2]).toMatchObject({ kind: 'filter', name: 'filter' });
    expect(fromText.stages[2].predicates[0]).toMatchObject({
      field: 'User',
      op: 'match',
      values: ['admin'],
      negated: true,
    });
  });

  it('maps positions through the query start when the text sits inside a file', () => {
    const q = sigmaLanguage.parse({
      source: { language: 'sigma', text: RULE, start: { line: 41, column: 1, offset: 900 } },
      context: emptyContext(),
    });
    expect(q.stages[1].predicates[0].span?.start).toEqual({
      line: 47,
      column: 9,
      offset: 900 + RULE.indexOf('Image'),
    });
  });

  it('reports YAML problems itself, with file positions', () => {
    const q = parseQuery(
      'sigma',
      'title: x\nlogsource: {product: windows}\ndetection:\n  sel: [a\n  condition: sel\n',
    );
    expect(q.diagnostics.some((d) => d.severity === 'error' && d.line >= 4)).toBe(true);
  });

  it('warns about a key written twice in a selection and keeps both', () => {
    const text = RULE.replace(
      '        User|contains: admin\n',
      '        User|contains: admin\n        User|contains: root\n',
    );
    const q = parseQuery('sigma', text);
    expect(q.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column}`)).toEqual(['warning 10:9']);
    expect(q.stages[2].predicates.map((p) => p.values[0])).toEqual(['admin', 'root']);
  });
});

describe('odd input', () => {
  it('reads a text that still has its byte order mark', () => {
    const q = parseQuery('sigma', `\uFEFF${RULE}`);
    expect(q.diagnostics).toEqual([]);
    expect(q.stages).toHaveLength(3);
  });

  it('reads CRLF line endings with the same lines and columns', () => {
    const crlf = parseQuery('sigma', RULE.replaceAll('\n', '\r\n'));
    const lf = parseQuery('sigma', RULE);
    expect(projectQuery(crlf).diagnostics).toEqual([]);
    const at = (q: ParsedQuery) =>
      q.stages.flatMap((s) => s.predicates.map((p) => `${p.span?.start.line}:${p.span?.start.column}`));
    expect(at(crlf)).toEqual(at(lf));
    expect(crlf.stages[1].text).toBe("selection:\r\n        Image|endswith: '\\whoami.exe'");
  });

  it('never throws on text that is not a rule', () => {
    for (const text of [
      '',
      '\u0000\u0001\u0002binary',
      '- a\n- b\n',
      'detection: 5\n',
      'detection:\n  condition: [1, {a: b}]\n',
      '{{{{',
      'correlation: x\n',
    ]) {
      const q = parseQuery('sigma', text);
      expect(q.diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('positions an error inside a quoted condition', () => {
    const q = parseQuery(
      'sigma',
      RULE.replace('condition: selection and not filter', "condition: 'selection and not filtr'"),
    );
    expect(q.diagnostics.map((d) => `${d.line}:${d.column} ${d.message.slice(0, 24)}`)).toEqual([
      '10:35 Unexpected "filtr", expe',
    ]);
  });
});

describe('the multi-document examples', () => {
  it('merges the global part into each rule and numbers the shared id', () => {
    const text = readFileSync(
      new URL('../../../examples/sigma/win_system_service_install_multi.yml', import.meta.url),
      'utf8',
    );
    const { queries, ruleIds } = readAndParse(text, 'examples/sigma/win_system_service_install_multi.yml');
    expect(ruleIds).toEqual([
      '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e#1',
      '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e#2',
    ]);
    expect(queries.map((q) => q.stages.map((s) => s.name ?? s.kind))).toEqual([
      ['condition', 'selection_path', 'selection'],
      ['condition', 'selection_path', 'selection'],
    ]);
    expect(queries[1].dataSources.map((d) => d.value)).toEqual(['product:windows', 'service:security']);
    expect(queries[1].stages[2].predicates[0]).toMatchObject({ field: 'EventID', values: ['4697'] });
    expect(queries[1].stages[1].terms.map((t) => t.value)).toContain('\\ProgramData\\');
  });
});
