/** Relations between rules, one golden file per case under test/golden/overlap/, with each case's expected kind. */
import { describe, expect, it } from 'vitest';
import type { ParsedRule } from '../../model/rule.js';
import { processRule, sigmaRules } from '../../../test/engine.js';
import { queryRule } from '../../../test/query-rules.js';
import { expectGolden } from '../../../test/golden.js';
import { relateRules, type RelationKind } from './index.js';

interface Case {
  name: string;
  subject: () => ParsedRule;
  other: () => ParsedRule;
  expected: RelationKind;
}

const bitsadmin = `selection:
  Image|endswith: '\\bitsadmin.exe'
  CommandLine|contains: '/transfer'
condition: selection`;

const sysmon1 = { data_source: 'Sysmon EventID 1' };

const cases: Case[] = [
  {
    name: 'exclusion-narrows',
    subject: () => processRule(bitsadmin),
    other: () =>
      processRule(`selection:
  Image|endswith: '\\bitsadmin.exe'
  CommandLine|contains: '/transfer'
filter:
  ParentImage|startswith: 'C:\\Program Files\\'
condition: selection and not filter`),
    expected: 'narrower',
  },
  {
    name: 'case-sensitive-narrows',
    subject: () => queryRule('kusto', 'DeviceProcessEvents | where ProcessCommandLine contains "transfer"'),
    other: () => queryRule('kusto', 'DeviceProcessEvents | where ProcessCommandLine contains_cs "Transfer"'),
    expected: 'narrower',
  },
  {
    name: 'wildcard-is-ends-with',
    subject: () => processRule(bitsadmin),
    other: () =>
      processRule(`selection:
  Image: '*\\BitsAdmin.exe'
  CommandLine: '*/transfer*'
condition: selection`),
    expected: 'equivalent',
  },
  {
    name: 'exact-path-implies-ends-with',
    subject: () => processRule(bitsadmin),
    other: () =>
      processRule(`selection:
  Image: 'C:\\Windows\\System32\\bitsadmin.exe'
  CommandLine|contains: '/transfer'
condition: selection`),
    expected: 'narrower',
  },
  {
    name: 'contains-is-broader-than-ends-with',
    subject: () => processRule(bitsadmin),
    other: () =>
      processRule(`selection:
  Image|contains: 'bitsadmin'
  CommandLine|contains: 'transfer'
condition: selection`),
    expected: 'broader',
  },
  {
    name: 'wider-list-is-broader',
    subject: () => processRule(bitsadmin),
    other: () =>
      processRule(`selection:
  Image|endswith: '\\bitsadmin.exe'
  CommandLine|contains:
    - '/transfer'
    - '/download'
    - '/addfile'
condition: selection`),
    expected: 'broader',
  },
  {
    name: 'all-is-narrower-than-any',
    subject: () =>
      processRule(`selection:
  Image|endswith: '\\bitsadmin.exe'
  CommandLine|contains:
    - '/transfer'
    - 'http'
condition: selection`),
    other: () =>
      processRule(`selection:
  Image|endswith: '\\bitsadmin.exe'
  CommandLine|contains|all:
    - '/transfer'
    - 'http'
condition: selection`),
    expected: 'narrower',
  },
  {
    name: 'sigma-vs-eql',
    subject: () =>
      processRule(`selection:
  NewProcessName|endswith: '\\bitsadmin.exe'
  CommandLine|contains:
    - '/transfer'
    - '/download'
condition: selection`),
    other: () =>
      queryRule(
        'eql',
        'process where process.name : "bitsadmin.exe" and process.command_line : ("*/transfer*", "*/download*")',
      ),
    expected: 'equivalent',
  },
  {
    name: 'spl-vs-kusto',
    subject: () => queryRule('spl', 'search process_name="bitsadmin.exe" process="*transfer*"', sysmon1),
    other: () =>
      queryRule(
        'kusto',
        'DeviceProcessEvents | where FileName =~ "bitsadmin.exe" and ProcessCommandLine contains "transfer"',
      ),
    expected: 'equivalent',
  },
  {
    name: 'other-parent-overlaps',
    subject: () => processRule(bitsadmin),
    other: () =>
      processRule(`selection:
  ParentImage|endswith: '\\winword.exe'
  CommandLine|contains: '/transfer'
condition: selection`),
    expected: 'overlapping',
  },
  {
    name: 'other-image-is-disjoint',
    subject: () => processRule(bitsadmin),
    other: () =>
      processRule(`selection:
  Image|endswith: '\\certutil.exe'
  CommandLine|contains: '/transfer'
condition: selection`),
    expected: 'disjoint',
  },
  {
    name: 'other-events-are-disjoint',
    subject: () => processRule(bitsadmin),
    other: () =>
      sigmaRules(`title: net
logsource:
  product: windows
  category: network_connection
detection:
  selection:
    Image|endswith: '\\bitsadmin.exe'
  condition: selection
`)[0],
    expected: 'disjoint',
  },
  {
    name: 'aggregation-overlaps-at-most',
    subject: () => processRule(bitsadmin),
    other: () =>
      processRule(`selection:
  Image|endswith: '\\bitsadmin.exe'
  CommandLine|contains: '/transfer'
timeframe: 5m
condition: selection | count() by Computer > 5`),
    expected: 'overlapping',
  },
  {
    name: 'sequence-overlaps-at-most',
    subject: () =>
      queryRule(
        'eql',
        'process where process.name : "bitsadmin.exe" and process.command_line : "*/transfer*"',
      ),
    other: () =>
      queryRule(
        'eql',
        'sequence by host.id [process where process.name : "bitsadmin.exe" and process.command_line : "*/transfer*"] [network where true]',
      ),
    expected: 'overlapping',
  },
];

describe('relateRules', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const relation = relateRules(c.subject(), c.other());
    expectGolden('overlap', name, relation);
    expect(relation.relation).toBe(c.expected);
  });

  it('gives the converse relation the other way round', () => {
    for (const c of cases) {
      const forth = relateRules(c.subject(), c.other()).relation;
      const back = relateRules(c.other(), c.subject()).relation;
      const converse = { narrower: 'broader', broader: 'narrower' } as Record<string, string>;
      expect(back, c.name).toBe(converse[forth] ?? forth);
    }
  });
});
