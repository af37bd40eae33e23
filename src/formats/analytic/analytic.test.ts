/** Tests of the generic analytic YAML reader, on the Splunk seed rule and on the logic_format routing. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyticReader, languageOfLogicFormat } from './index.js';
import { splLanguage } from '../../languages/spl/index.js';
import { emptyContext } from '../../languages/language.js';
import { sharedPath } from '../../../test/corpus.js';
import type { SourceFile } from '../format.js';

const seedPath = sharedPath('seeds', 'rules', 'seed-splunk-bitsadmin-execution.yml');

function file(path: string, text: string): SourceFile {
  return { path, text, bytes: Buffer.byteLength(text), sourceName: 'test' };
}

describe('languageOfLogicFormat', () => {
  it('routes each logic_format to its language', () => {
    const routes = {
      Splunk: 'spl',
      Sigma: 'sigma',
      KQL: 'kusto',
      Kusto: 'kusto',
      EQL: 'eql',
      'ES|QL': 'esql',
      Lucene: 'lucene',
      kuery: 'kuery',
    };
    for (const [format, language] of Object.entries(routes))
      expect(languageOfLogicFormat(format)).toBe(language);
    expect(languageOfLogicFormat('COBOL')).toBeUndefined();
  });

  it('reports an unknown logic_format as a diagnostic with a position', () => {
    const [rule] = analyticReader.read(
      file('a.yml', 'id: x\ntitle: t\nlogic_format: COBOL\nlogic: MOVE A TO B\n'),
      true,
    ).rules;
    expect(rule.query).toBeNull();
    expect(rule.diagnostics[0]).toMatchObject({ severity: 'error', line: 4, column: 8 });
  });

  it('routes a KQL logic to kusto', () => {
    const [rule] = analyticReader.read(
      file(
        'a.yml',
        'id: k1\ntitle: t\nlogic_format: KQL\nlogic: DeviceProcessEvents | where FileName == "x"\n',
      ),
      true,
    ).rules;
    expect(rule.language).toBe('kusto');
    expect(rule.query).toMatchObject({
      language: 'kusto',
      text: 'DeviceProcessEvents | where FileName == "x"',
      start: { line: 4, column: 8 },
    });
  });
});

describe.skipIf(!seedPath)('the Splunk seed rule', () => {
  const text = seedPath ? readFileSync(seedPath, 'utf8') : '';
  const seed = file('seed-splunk-bitsadmin-execution.yml', text);

  it('is recognised and read with its ATT&CK ids and data category', () => {
    expect(analyticReader.recognize(seed)).toBeDefined();
    const [rule] = analyticReader.read(seed, true).rules;
    expect(rule.id).toBe('6149.15955');
    expect(rule.title).toBe('BITSadmin Execution');
    expect(rule.attack.techniques).toEqual(['T1197', 'T1048.003', 'T1570', 'T1105']);
    expect(rule.context.data_category).toEqual(['Windows Sysmon']);
    expect(rule.references).toHaveLength(3);
    expect(rule.language).toBe('spl');
  });

  it('parses as the seed page shows it, corrected: TERM is a directive, EventCode has its value', () => {
    const [rule] = analyticReader.read(seed, true).rules;
    const q = splLanguage.parse({ source: rule.query!, context: emptyContext() });
    expect(q.diagnostics).toEqual([]);
    expect(q.stages.map((s) => s.kind)).toEqual(['search', 'table', 'bucket', 'stats']);
    expect(q.stages[0].predicates.map((p) => [p.field, p.op, p.values, p.negated])).toEqual([
      ['EventCode', 'eq', ['1'], false],
    ]);
    const terms = q.stages[0].terms.map((t) => t.value);
    expect(terms).toEqual(expect.arrayContaining(['<EventID>1<', 'bitsadmin', 'BITS', 'EventCode=1']));
    expect(terms).not.toContain('TERM');
    expect(q.unresolved).toEqual(['get_endpoint_data', 'get_endpoint_data_sysmon']);
    // Positions are in the seed file: the query starts on line 10 and its second line is line 11.
    expect(q.stages[0].predicates[0].span?.start).toMatchObject({ line: 10, column: 62 });
    expect(q.stages[0].terms.find((t) => t.value === 'bitsadmin')?.span?.start).toMatchObject({
      line: 11,
      column: 4,
    });
    expect(q.stages[3].text).toBe('| stats values(*) as * by _time, host');
  });
});
