/** Sentinel reader tests: recognition by key scan, field mapping, tactic shortnames and query positions. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesRoot } from '../../../test/corpus.js';
import { parseQuery } from '../../../test/parse.js';
import type { SourceFile } from '../format.js';
import { kustoLanguage } from '../../languages/kusto/index.js';
import { emptyContext } from '../../languages/language.js';
import { sentinelReader, tacticShortname } from './index.js';

const file = (path: string, text: string): SourceFile => ({
  path,
  text,
  bytes: text.length,
  sourceName: 'test',
});

describe('sentinel reader', () => {
  it('takes YAML with a query and a Sentinel key at the start of a line, and nothing else', () => {
    expect(
      sentinelReader.recognize(file('r.yaml', 'name: x\ntactics:\n  - Execution\nquery: T\n')),
    ).toBeDefined();
    expect(
      sentinelReader.recognize(file('r.yml', 'name: x\nrequiredDataConnectors: []\nquery: |\n  T\n')),
    ).toBe(true);
    expect(sentinelReader.recognize(file('r.yaml', 'title: x\ndetection:\n  query: T\n'))).toBeUndefined();
    expect(sentinelReader.recognize(file('r.md', 'tactics: []\nquery: T\n'))).toBeUndefined();
  });

  it('writes Sentinel tactics as ATT&CK shortnames', () => {
    expect(
      ['DefenseEvasion', 'CommandAndControl', 'Initial Access', 'PreAttack', 'TA0003'].map(tacticShortname),
    ).toEqual(['defense-evasion', 'command-and-control', 'initial-access', 'pre-attack', 'TA0003']);
  });

  it('reads the example analytics rule with its query positioned in the file', () => {
    const text = readFileSync(join(examplesRoot, 'kql', 'bitsadmin-transfer-download.yaml'), 'utf8');
    const [rule] = sentinelReader.read(file('kql/bitsadmin-transfer-download.yaml', text), true).rules;
    expect(rule).toMatchObject({
      id: '3f1c2a5e-8b7d-4e21-9c60-5a4d2b8e7f13',
      title: 'BITSAdmin used to download a payload',
      severity: 'medium',
      attack: { techniques: ['T1197', 'T1105'], tactics: ['defense-evasion', 'command-and-control'] },
      context: { requiredDataConnectors: ['MicrosoftThreatProtection'], dataTypes: ['DeviceProcessEvents'] },
      metadata: { queryFrequency: '1h', queryPeriod: '1h', triggerOperator: 'gt' },
    });
    expect(rule.metadata.entityMappings).toHaveLength(2);
    const parsed = kustoLanguage.parse({ source: rule.query!, context: emptyContext() });
    expect(parsed.diagnostics).toEqual([]);
    const has = parsed.stages.flatMap((s) => s.predicates).find((p) => p.values.includes('/transfer'));
    expect(has).toMatchObject({ field: 'ProcessCommandLine', op: 'match', scope: 'DeviceProcessEvents' });
    expect(has?.span?.start).toMatchObject({ line: 26, column: 11 });
    expect(text.split('\n')[25].slice(10)).toMatch(/^ProcessCommandLine has_any/);
    expect(parseQuery('kusto', rule.query!.text).diagnostics).toEqual([]);
  });

  it('keeps a rule whose YAML is broken, with the YAML diagnostics', () => {
    const { rules } = sentinelReader.read(file('bad.yaml', 'tactics: [\nquery: T\n'), true);
    expect(rules).toHaveLength(1);
    expect(rules[0].diagnostics.some((d) => d.severity === 'error' && d.line > 0)).toBe(true);
  });
});
