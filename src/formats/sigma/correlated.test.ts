// Correlation rules carry the ATT&CK ids and the logs of the rules they correlate in the same file.
import { describe, expect, it } from 'vitest';
import { eventsForRule } from '../../knowledge/events/index.js';
import { sigmaReader } from './index.js';

const FILE = `title: Failed logon
name: failed_logon
id: 5c1ad2b5-4a8d-4f57-9a57-0d1c8e0c0001
status: test
tags:
  - attack.credential-access
  - attack.t1110.003
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4625
  condition: selection
---
title: Password spray
id: 5c1ad2b5-4a8d-4f57-9a57-0d1c8e0c0002
status: test
correlation:
  type: value_count
  rules:
    - failed_logon
  group-by:
    - IpAddress
  timespan: 30m
  condition:
    gte: 20
    field: TargetUserName
`;

const read = (text: string) =>
  sigmaReader.read({ path: 'spray.yml', text, bytes: Buffer.byteLength(text), sourceName: 'test' }, true)
    .rules;

describe('Sigma correlation rules', () => {
  it('carry the ATT&CK ids and the log source of the rules they name', () => {
    const [base, correlation] = read(FILE);
    expect(base.attack.techniques).toEqual(['T1110.003']);
    expect(correlation.attack.techniques).toEqual(['T1110.003']);
    expect(correlation.attack.tactics).toEqual(base.attack.tactics);
    expect(correlation.context).toEqual({ product: 'windows', service: 'security' });
    const events = eventsForRule({ context: correlation.context, dataSources: [], predicates: [] });
    expect(events.map((e) => e.provider)).toContain('Windows Security');
  });

  it('keep their own declarations when they name no rule of the file', () => {
    const [, correlation] = read(FILE.replace('    - failed_logon', '    - elsewhere'));
    expect(correlation.attack.techniques).toEqual([]);
    expect(correlation.context).toEqual({});
  });
});
