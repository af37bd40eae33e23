// The YARA-L reader: recognition, one document per rule, meta mapped to rule fields, ATT&CK and positions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, examplesRoot } from '../../../test/corpus.js';
import { emptyContext } from '../../languages/language.js';
import { yaralLanguage } from '../../languages/yaral/index.js';
import type { SourceFile } from '../format.js';
import { yaralReader } from './index.js';
import { tacticShortname } from './attack.js';

function file(path: string, text: string): SourceFile {
  return { path, text, bytes: Buffer.byteLength(text), sourceName: 'test' };
}

function example(name: string): SourceFile {
  return file(`yaral/${name}`, readFileSync(join(examplesRoot, 'yaral', name), 'utf8'));
}

describe('yaralReader.recognizes', () => {
  it('takes rule files and leaves documents and YARA files alone', () => {
    const rule = 'rule x {\n events:\n  $e.metadata.event_type = "USER_LOGIN"\n condition:\n  $e\n}\n';
    expect(yaralReader.recognize(file('a.yaral', rule))).toBeDefined();
    expect(yaralReader.recognize(file('rules/a', rule))).toBeDefined();
    expect(yaralReader.recognize(file('README.md', rule))).toBeUndefined();
    expect(
      yaralReader.recognize(file('a.yar', 'rule x {\n strings:\n  $a = "x"\n condition:\n  $a\n}\n')),
    ).toBeUndefined();
    expect(yaralReader.recognize(file('a.yaral', 'just text'))).toBeUndefined();
  });
});

describe('yaralReader.refusal', () => {
  it('says why a .yaral file it does not take holds no rule, and says nothing of other files', () => {
    expect(yaralReader.refusal?.(file('a.yaral', '  \n'))).toMatch(/^Empty YARA-L file/);
    expect(yaralReader.refusal?.(file('a.yaral', 'rule { events: $e. = = "x" condition: }'))).toMatch(
      /expected "rule NAME \{"/,
    );
    expect(yaralReader.refusal?.(file('a.yaral', 'rule x {\n condition:\n  $e\n}\n'))).toMatch(/events:/);
    expect(yaralReader.refusal?.(file('notes.txt', 'just text'))).toBeUndefined();
  });
});

describe('yaralReader.read', () => {
  it('maps meta to rule fields and keeps the rest', () => {
    const [rule] = yaralReader.read(example('encoded_powershell_from_office.yaral'), true).rules;
    expect(rule.id).toBe('ra_yaral_0001');
    expect(rule.title).toBe('Encoded PowerShell Launched By An Office Application');
    expect(rule.severity).toBe('high');
    expect(rule.status).toBe('experimental');
    expect(rule.authors).toEqual(['ruleatlas examples']);
    expect(rule.references).toEqual(['https://attack.mitre.org/techniques/T1059/001/']);
    expect(rule.tags).toEqual(['office', 'powershell']);
    expect(rule.attack.techniques).toEqual(['T1059.001']);
    expect(rule.attack.tactics).toEqual(['execution']);
    expect(rule.metadata.rule).toBe('encoded_powershell_from_office_app');
    expect(rule.format).toBe('yaral');
    expect(rule.file.format).toBe('YARA-L');
    expect(rule.query?.language).toBe('yaral');
    expect(rule.query?.text.startsWith('rule encoded_powershell_from_office_app {')).toBe(true);
    expect(rule.query?.text.endsWith('}')).toBe(true);
    expect(rule.rawStart).toEqual({ line: 4, column: 1, offset: rule.rawStart.offset });
  });

  it("takes a converted Sigma rule's `sigma_status` as its status", () => {
    const text =
      'rule x {\n meta:\n  sigma_status = "Test"\n events:\n  $e.metadata.event_type = "USER_LOGIN"\n condition:\n  $e\n}\n';
    const [rule] = yaralReader.read(file('x.yaral', text), true).rules;
    expect(rule.status).toBe('test');
    expect(rule.metadata.sigma_status).toBeUndefined();
  });

  it('reads each rule of a file with several, numbering the ids', () => {
    const { rules } = yaralReader.read(example('multi_rule_cloud.yaral'), true);
    expect(rules.map((r) => r.id)).toEqual([
      'yaral/multi_rule_cloud.yaral#1',
      'yaral/multi_rule_cloud.yaral#2',
    ]);
    expect(rules.map((r) => r.title)).toEqual([
      'cloud_storage_bucket_made_public',
      'many_failed_logins_then_success',
    ]);
    expect(rules[0].attack).toEqual({
      techniques: ['T1537'],
      tactics: ['exfiltration'],
      names: { T1537: 'Transfer Data to Cloud Account' },
    });
    expect(rules[1].attack.tactics).toEqual(['credential-access']);
    expect(rules[1].query?.start.line).toBe(22);
  });

  it('parses the examples with file positions and no errors', () => {
    const rules = [
      ...yaralReader.read(example('encoded_powershell_from_office.yaral'), true).rules,
      ...yaralReader.read(example('multi_rule_cloud.yaral'), true).rules,
    ];
    for (const rule of rules) {
      const parsed = yaralLanguage.parse({ source: rule.query!, context: emptyContext() });
      expect(parsed.diagnostics).toEqual([]);
    }
    const second = yaralLanguage.parse({ source: rules[2].query!, context: emptyContext() });
    const cidr = second.stages.flatMap((s) => s.predicates).find((p) => p.op === 'cidr');
    expect(cidr).toMatchObject({
      field: 'principal.ip',
      values: ['10.0.0.0/8'],
      negated: true,
      scope: '$ok',
    });
    expect(cidr?.span?.start.line).toBe(38);
    expect(second.stages.map((s) => s.kind)).toEqual([
      'events',
      'event',
      'event',
      'match',
      'outcome',
      'condition',
    ]);
  });

  it('turns a file with no rule opening into one document with a diagnostic', () => {
    const { rules } = yaralReader.read(file('broken.yaral', 'events:\n  $e.x = "y"\n'), true);
    expect(rules).toHaveLength(1);
    expect(rules[0].query).toBeNull();
    expect(rules[0].diagnostics[0]).toMatchObject({ severity: 'error', line: 1, column: 1 });
  });

  it('keeps a rule whose brace never closes, up to the next rule', () => {
    const text =
      'rule a {\n events:\n  $e.x = "{"\n condition:\n  $e\n\nrule b {\n events:\n  $e.y = 1\n condition:\n  $e\n}\n';
    const { rules } = yaralReader.read(file('two.yaral', text), true);
    expect(rules.map((r) => r.title)).toEqual(['a', 'b']);
    expect(rules[1].query?.start).toEqual({ line: 7, column: 1, offset: text.indexOf('rule b') });
    const parsed = yaralLanguage.parse({ source: rules[0].query!, context: emptyContext() });
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([
      'Unexpected end of input, expected "}" to close rule a',
    ]);
  });
});

describe('tacticShortname', () => {
  it('normalises the ways rules write tactic names', () => {
    expect(tacticShortname('Defense Evasion')).toBe('defense-evasion');
    expect(tacticShortname('Command And Control')).toBe('command-and-control');
    expect(tacticShortname('privilege_escalation')).toBe('privilege-escalation');
    expect(tacticShortname('vulnerability_scanning')).toBeUndefined();
  });
});

const root = corpusPath('yaral');

describe.skipIf(!root)('real chronicle rules', () => {
  const read = (path: string) =>
    yaralReader.read(file(path, readFileSync(join(root!, path), 'utf8')), true).rules[0];

  it('reads an AWS CloudTrail rule with ATT&CK names and its log source', () => {
    const rule = read(
      'rules/community/aws/cloudtrail/aws_account_leaving_or_removed_from_organization.yaral',
    );
    expect(rule.id).toBe('mr_eb9b7a74-0ad2-43e1-bf93-376844fe62b6');
    expect(rule.title).toBe('AWS Account Leaving Or Removed From The Organization');
    expect(rule.severity).toBe('low');
    expect(rule.attack).toEqual({
      techniques: ['T1562'],
      tactics: ['defense-evasion'],
      names: { T1562: 'Impair Defenses' },
    });
    expect(rule.context).toMatchObject({ data_source: 'AWS CloudTrail', platform: 'AWS' });
    const parsed = yaralLanguage.parse({ source: rule.query!, context: emptyContext() });
    expect(parsed.dataSources).toEqual([{ type: 'datasource', kind: 'logsource', value: 'AWS CloudTrail' }]);
    expect(
      parsed.stages
        .flatMap((s) => s.predicates)
        .filter((p) => p.field === 'metadata.product_event_type')
        .map((p) => p.values[0]),
    ).toEqual(['LeaveOrganization', 'RemoveAccountFromOrganization']);
  });

  it('reads a converted SOC Prime rule: tactic names and ids from the mitre key', () => {
    const rule = read('rules/_deprecated/soc_prime_rules/threat_hunting/sysmon/paymen45_ransomware.yaral');
    expect(rule.attack.techniques).toEqual(['T1486']);
    expect(rule.attack.tactics).toEqual(['impact']);
    expect(rule.metadata).toMatchObject({ product: 'windows', service: 'sysmon' });
    expect(rule.context).toEqual({});
    expect(rule.date).toBe('2021-03-09');
  });
});
