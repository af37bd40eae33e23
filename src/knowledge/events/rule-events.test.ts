// Event coverage: specific rules of each kind, and the share of the Sigma corpus's Windows rules that get a row.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { corpusPath, filesUnder } from '../../../test/corpus.js';
import { eventsForRule, type EventInput, type EventPredicate } from './rule-events.js';

const eq = (field: string, ...values: string[]): EventPredicate => ({
  field,
  op: 'eq',
  values,
  negated: false,
});
const rows = (input: Partial<EventInput>): string[] =>
  eventsForRule({ context: {}, dataSources: [], predicates: [], ...input }).map(
    (e) => `${e.provider} | ${e.event} | ${e.title}`,
  );

describe('Sigma logsource', () => {
  it('maps process_creation to Sysmon 1 and Security 4688', () => {
    expect(rows({ context: { product: 'windows', category: 'process_creation' } })).toEqual([
      'Sysmon | Event ID 1 | Process creation',
      'Windows Security | Event ID 4688 | A new process has been created',
    ]);
  });

  it('maps categories to their Sysmon events', () => {
    expect(rows({ context: { product: 'windows', category: 'registry_set' } })).toEqual([
      'Sysmon | Event ID 13 | Registry value set',
    ]);
    expect(rows({ context: { product: 'windows', category: 'image_load' } })).toEqual([
      'Sysmon | Event ID 7 | Image loaded',
    ]);
    expect(rows({ context: { product: 'windows', category: 'ps_script' } })).toEqual([
      'PowerShell | Event ID 4104 | Script block logging',
    ]);
  });

  it('narrows a service log by EventID predicates', () => {
    expect(
      rows({
        context: { product: 'windows', service: 'security' },
        predicates: [eq('EventID', '4624', '4625')],
      }),
    ).toEqual([
      'Windows Security | Event ID 4624 | An account was successfully logged on',
      'Windows Security | Event ID 4625 | An account failed to log on',
    ]);
    expect(
      rows({ context: { product: 'windows', service: 'system' }, predicates: [eq('EventID', '7045')] }),
    ).toEqual(['Windows System | Event ID 7045 | A new service was installed in the system']);
  });

  it('narrows a category to the events its EventID predicates name, ignoring negated ones', () => {
    const negated = { ...eq('EventID', '14'), negated: true };
    expect(
      rows({
        context: { product: 'windows', category: 'registry_event' },
        predicates: [eq('EventID', '12'), negated],
      }),
    ).toEqual(['Sysmon | Event ID 12 | Registry object added or deleted']);
  });

  it('shows a whole log when no EventID narrows it, and keeps ids the catalog lacks', () => {
    expect(rows({ context: { product: 'windows', service: 'security' } })).toEqual([
      'Windows Security | Security | Any Windows Security event',
    ]);
    expect(
      rows({ context: { product: 'windows', service: 'windefend' }, predicates: [eq('EventID', '9999')] }),
    ).toEqual(['Microsoft Defender Antivirus | Event ID 9999 | Not in the event catalog']);
  });

  it('reads logsource data sources from the parse', () => {
    const dataSources = [
      { kind: 'logsource', value: 'product:windows' },
      { kind: 'logsource', value: 'category:pipe_created' },
    ];
    expect(rows({ dataSources })).toEqual([
      'Sysmon | Event ID 17 | Pipe created',
      'Sysmon | Event ID 18 | Pipe connected',
    ]);
  });
});

describe('event ids without a log', () => {
  it('places 4xxx ids in Security, PowerShell ids in PowerShell, and never guesses Sysmon', () => {
    expect(rows({ predicates: [eq('EventCode', '4688')] })).toEqual([
      'Windows Security | Event ID 4688 | A new process has been created',
    ]);
    expect(rows({ predicates: [eq('EventCode', '4104')] })).toEqual([
      'PowerShell | Event ID 4104 | Script block logging',
    ]);
    expect(rows({ predicates: [eq('EventCode', '1102')] })).toEqual([
      'Windows Security | Event ID 1102 | The audit log was cleared',
    ]);
    expect(rows({ predicates: [eq('event.code', '7045')] })).toEqual([
      'Windows System | Event ID 7045 | A new service was installed in the system',
    ]);
    expect(rows({ predicates: [eq('EventCode', '1')] })).toEqual([]);
  });

  it('places Sysmon ids with a Sysmon hint', () => {
    expect(
      rows({
        dataSources: [{ kind: 'sourcetype', value: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational' }],
        predicates: [eq('EventCode', '1')],
      }),
    ).toEqual(['Sysmon | Event ID 1 | Process creation']);
    expect(
      rows({
        predicates: [
          eq('winlog.channel', 'Microsoft-Windows-Sysmon/Operational'),
          eq('winlog.event_id', '3'),
        ],
      }),
    ).toEqual(['Sysmon | Event ID 3 | Network connection']);
  });
});

describe('Splunk', () => {
  it('reads data_source strings', () => {
    expect(
      rows({
        context: {
          data_source: ['Sysmon EventID 1', 'Windows Event Log Security 4688', 'CrowdStrike ProcessRollup2'],
        },
      }),
    ).toEqual([
      'Sysmon | Event ID 1 | Process creation',
      'Windows Security | Event ID 4688 | A new process has been created',
      'CrowdStrike Falcon | ProcessRollup2 | Process creation',
    ]);
    expect(
      rows({
        context: { data_source: ['Sysmon EventID 1 AND Sysmon EventID 11', 'NTLM Operational 8004,8005'] },
      }),
    ).toEqual([
      'Sysmon | Event ID 1 | Process creation',
      'Sysmon | Event ID 11 | File created',
      'NTLM | Event ID 8004 | NTLM authentication to a domain controller was audited',
      'NTLM | Event ID 8005 | NTLM authentication was blocked',
    ]);
    expect(rows({ context: { data_source: ['AWS CloudTrail ConsoleLogin'] } })).toEqual([
      'AWS CloudTrail | CloudTrail | AWS API calls',
    ]);
  });

  it('reads the seed analytic: data_category Windows Sysmon with TERM(EventCode=1)', () => {
    expect(
      rows({
        context: { data_category: ['Windows Sysmon'] },
        terms: [
          { value: 'EventCode=1', negated: false },
          { value: '<EventID>1<', negated: false },
        ],
      }),
    ).toEqual(['Sysmon | Event ID 1 | Process creation']);
    expect(rows({ context: { data_category: ['Windows Sysmon'] } })).toEqual([
      'Sysmon | Microsoft-Windows-Sysmon/Operational | Any Sysmon event',
    ]);
  });

  it('reads CIM data models', () => {
    expect(rows({ dataSources: [{ kind: 'datamodel', value: 'Endpoint.Processes' }] })).toEqual([
      'Splunk CIM | Endpoint.Processes | Process activity',
    ]);
    expect(rows({ dataSources: [{ kind: 'datamodel', value: 'Network_Traffic' }] })).toEqual([
      'Splunk CIM | Network_Traffic.All_Traffic | Network traffic',
    ]);
  });
});

describe('Elastic', () => {
  const seedIndex = ['logs-endpoint.events.*', 'winlogbeat-*', 'logs-windows.*', 'endgame-*'];

  it('combines index patterns with the EQL event category', () => {
    expect(
      rows({ context: { index: seedIndex }, dataSources: [{ kind: 'category', value: 'process' }] }),
    ).toEqual([
      'Elastic ECS | process | Process events',
      'Sysmon | Event ID 1 | Process creation',
      'Windows Security | Event ID 4688 | A new process has been created',
    ]);
  });

  it('reads event.category and event.code predicates', () => {
    expect(
      rows({ context: { index: ['logs-endpoint.events.*'] }, predicates: [eq('event.category', 'network')] }),
    ).toEqual(['Elastic ECS | network | Network events']);
    expect(
      rows({
        context: { index: ['winlogbeat-*', 'logs-system.security*'] },
        predicates: [eq('event.code', '4624')],
      }),
    ).toEqual(['Windows Security | Event ID 4624 | An account was successfully logged on']);
  });
});

describe('KQL, Sentinel and YARA-L', () => {
  it('reads Defender XDR and Sentinel tables', () => {
    expect(rows({ dataSources: [{ kind: 'table', value: 'DeviceProcessEvents' }] })).toEqual([
      'Microsoft Defender XDR | DeviceProcessEvents | Process creation and related events',
    ]);
    expect(
      rows({ dataSources: [{ kind: 'table', value: 'SecurityEvent' }], predicates: [eq('EventID', '4688')] }),
    ).toEqual([
      'Microsoft Sentinel | SecurityEvent | Windows security events collected by the agent',
      'Windows Security | Event ID 4688 | A new process has been created',
    ]);
    expect(rows({ context: { dataTypes: ['SigninLogs'] } })).toEqual([
      'Microsoft Sentinel | SigninLogs | Microsoft Entra ID interactive sign-ins',
    ]);
  });

  it('reads UDM event types', () => {
    expect(rows({ dataSources: [{ kind: 'event_type', value: 'PROCESS_LAUNCH' }] })).toEqual([
      'Google SecOps UDM | PROCESS_LAUNCH | Process launched',
    ]);
  });
});

const sigmaRoot = corpusPath('sigma');

/** EventID values anywhere in a Sigma detection, not under a `filter` (those usually exclude). */
function detectionEventIds(detection: unknown): string[] {
  const ids: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (/^(EventID|EventCode)(\|.*)?$/i.test(key)) ids.push(...[value].flat().map(String));
        else visit(value);
      }
    }
  };
  visit(detection);
  return ids;
}

describe.skipIf(!sigmaRoot)('Sigma corpus', () => {
  it('gives at least 95% of the Windows rules an event row', () => {
    const folders = readdirSync(sigmaRoot!).filter((name) => name.startsWith('rules'));
    let windows = 0;
    let covered = 0;
    const missing = new Map<string, number>();
    for (const file of folders.flatMap((f) => filesUnder(join(sigmaRoot!, f), /\.ya?ml$/))) {
      for (const doc of YAML.parseAllDocuments(readFileSync(file, 'utf8'))) {
        const rule = doc.toJS() as { logsource?: Record<string, string>; detection?: unknown } | null;
        if (rule?.logsource?.product !== 'windows') continue;
        windows++;
        const predicates = [
          { field: 'EventID', op: 'eq', values: detectionEventIds(rule.detection), negated: false },
        ];
        if (eventsForRule({ context: rule.logsource, dataSources: [], predicates }).length) covered++;
        else {
          const key = `${rule.logsource.category ?? ''}|${rule.logsource.service ?? ''}`;
          missing.set(key, (missing.get(key) ?? 0) + 1);
        }
      }
    }
    const share = covered / windows;
    console.log(
      `Sigma windows rules with an event row: ${covered}/${windows} (${(share * 100).toFixed(1)}%)${missing.size ? `; without: ${[...missing].map(([k, n]) => `${k} ${n}`).join(', ')}` : ''}`,
    );
    expect(share).toBeGreaterThanOrEqual(0.95);
  });
});

describe('logs named by index patterns, event types and event-id fields', () => {
  it('reads the one log an ES|QL FROM names, not every log of the integration', () => {
    expect(
      rows({
        context: { integration: ['azure'] },
        dataSources: [{ kind: 'index', value: 'logs-azure.auditlogs-*' }],
      }),
    ).toEqual(['Microsoft Entra ID audit logs | AuditLogs | Directory changes']);
    expect(rows({ context: { integration: ['azure'], index: ['filebeat-*'] } })).toHaveLength(3);
  });

  it('maps packet capture indexes to network traffic, not Zeek', () => {
    const traffic =
      'Elastic Network Packet Capture | Network traffic | Network flows and protocol transactions captured from packets';
    expect(rows({ context: { index: ['logs-network_traffic.*', 'packetbeat-*'] } })).toEqual([traffic]);
    expect(rows({ context: { integration: ['network_traffic'] } })).toEqual([traffic]);
  });

  it('maps an Endgame event type to the category it is', () => {
    expect(rows({ dataSources: [{ kind: 'category', value: 'image_load' }] })).toEqual(
      rows({ dataSources: [{ kind: 'category', value: 'library' }] }),
    );
    expect(rows({ dataSources: [{ kind: 'category', value: 'image_load' }] })).toHaveLength(1);
  });

  it('places YARA-L product event type ids in Sysmon or Security', () => {
    expect(rows({ predicates: [eq('metadata.product_event_type', '1')] })).toEqual([
      'Sysmon | Event ID 1 | Process creation',
    ]);
    expect(rows({ predicates: [eq('metadata.product_event_type', '4688')] })).toEqual([
      'Windows Security | Event ID 4688 | A new process has been created',
    ]);
    expect(rows({ predicates: [eq('metadata.product_event_type', 'ConsoleLogin')] })).toEqual([]);
  });
});

describe('ECS event.action', () => {
  it('narrows an EQL sequence over authentication and iam to the events its actions are', () => {
    const ids = eventsForRule({
      context: { index: ['winlogbeat-*', 'logs-system.*', 'logs-windows.*'] },
      dataSources: [
        { kind: 'category', value: 'authentication' },
        { kind: 'category', value: 'iam' },
      ],
      predicates: [eq('event.action', 'logged-in'), eq('event.action', 'reset-password')],
    }).map((e) => `${e.provider} ${e.event}`);
    expect(ids).toEqual(['Windows Security Event ID 4624', 'Windows Security Event ID 4724']);
  });
});
