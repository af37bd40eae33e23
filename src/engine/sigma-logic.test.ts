// Sigma's logic as the engine evaluates it: conditions, item shapes, logsources, aggregates, correlations, and
// rules it cannot evaluate.
import { describe, expect, it } from 'vitest';
import type { EventValue, NormalizedEvent } from '../model/event.js';
import { processRule, sigmaRules, testEvent } from '../../test/engine.js';
import { Hunt } from './hunt.js';

type Fields = Record<string, EventValue>;

function positions(hunt: Hunt, events: NormalizedEvent[]): number[][] {
  events.forEach((e) => hunt.push(e));
  return hunt.finish().hits.map((h) => h.events.map((o) => events.findIndex((e) => e.record.origin === o)));
}

function fires(detection: string, events: Array<Record<string, EventValue>>): number[] {
  const hunt = new Hunt([processRule(detection)]);
  expect(hunt.notEvaluable).toEqual([]);
  return (
    positions(
      hunt,
      events.map((e) => testEvent(e)),
    )[0] ?? []
  );
}

const A = { Image: 'a.exe', CommandLine: 'one' };
const B = { Image: 'b.exe', CommandLine: 'two' };
const AB = { Image: 'a.exe', CommandLine: 'two' };

describe('Sigma conditions', () => {
  it('evaluates and, or, not and parentheses', () => {
    const items = 's_a:\n  Image: a.exe\ns_two:\n  CommandLine: two\n';
    expect(fires(`${items}condition: s_a and s_two`, [A, B, AB])).toEqual([2]);
    expect(fires(`${items}condition: s_a or s_two`, [A, B, AB])).toEqual([0, 1, 2]);
    expect(fires(`${items}condition: s_a and not s_two`, [A, B, AB])).toEqual([0]);
    expect(fires(`${items}condition: not (s_a or s_two)`, [A, B, AB, { Image: 'c' }])).toEqual([3]);
  });

  it('expands 1 of, all of and them', () => {
    const items = 'sel_a:\n  Image: a.exe\nsel_two:\n  CommandLine: two\n_hidden:\n  Image: b.exe\n';
    expect(fires(`${items}condition: 1 of sel_*`, [A, B, AB])).toEqual([0, 1, 2]);
    expect(fires(`${items}condition: all of sel_*`, [A, B, AB])).toEqual([2]);
    expect(fires(`${items}condition: all of them`, [A, B, AB])).toEqual([2]);
    expect(fires(`${items}condition: 1 of them and not _hidden`, [A, B, AB])).toEqual([0, 2]);
  });

  it('ANDs the keys of a mapping and ORs the entries of a list', () => {
    expect(fires('sel:\n  Image: a.exe\n  CommandLine: two\ncondition: sel', [A, B, AB])).toEqual([2]);
    expect(fires('sel:\n  - Image: a.exe\n  - CommandLine: two\ncondition: sel', [A, B, AB])).toEqual([
      0, 1, 2,
    ]);
  });

  it('ORs a list that mixes plain values and wildcards, and ANDs it under |all', () => {
    const events: Fields[] = [{ CommandLine: 'x' }, { CommandLine: 'yes' }, { CommandLine: 'x yes' }];
    expect(fires("sel:\n  CommandLine:\n    - x\n    - 'y*'\ncondition: sel", events)).toEqual([0, 1]);
    expect(fires("sel:\n  CommandLine|contains|all:\n    - x\n    - 'y*s'\ncondition: sel", events)).toEqual([
      2,
    ]);
  });

  it('takes a list of conditions as alternatives', () => {
    const items = 's_a:\n  Image: a.exe\ns_b:\n  Image: b.exe\n';
    expect(fires(`${items}condition:\n  - s_a\n  - s_b`, [A, B, { Image: 'c' }])).toEqual([0, 1]);
  });
});

describe('Logsources and fields', () => {
  it('shows a rule only the events of its logsource', () => {
    const hunt = new Hunt([processRule('sel:\n  Image: a.exe\ncondition: sel')]);
    const events = [
      testEvent(A),
      testEvent(A, { eventId: '3' }),
      testEvent({ NewProcessName: 'a.exe' }, { provider: 'security', eventId: '4688' }),
    ];
    expect(positions(hunt, events)).toEqual([[0, 2]]);
  });

  it('reads a field through the taxonomy: NewProcessName finds a Sysmon Image', () => {
    const hunt = new Hunt([
      processRule("sel:\n  NewProcessName|endswith: '\\bitsadmin.exe'\ncondition: sel"),
    ]);
    expect(positions(hunt, [testEvent({ Image: 'C:\\Windows\\bitsadmin.exe' })])).toEqual([[0]]);
  });
});

const CORRELATION_BASE = `title: failed logon
id: 00000000-0000-4000-8000-00000000000a
name: failed_logon
logsource:
  product: windows
  service: security
detection:
  sel:
    EventID: 4625
  condition: sel
`;

function logon(user: string, host: string, seconds: number, eventId = '4625'): NormalizedEvent {
  return testEvent(
    { EventID: Number(eventId), TargetUserName: user, Computer: host },
    { provider: 'security', eventId, time: seconds * 1000 },
  );
}

describe('Aggregates and correlations', () => {
  it('counts an old-style aggregation per group within its timeframe', () => {
    const [rule] = sigmaRules(
      `${CORRELATION_BASE.replace('condition: sel', 'timeframe: 1m\n  condition: sel | count(TargetUserName) by Computer > 2')}`,
    );
    const hunt = new Hunt([rule]);
    const events = [
      logon('a', 'h1', 0),
      logon('b', 'h1', 10),
      logon('c', 'h1', 20),
      logon('a', 'h2', 0),
      logon('d', 'h1', 200),
    ];
    expect(positions(hunt, events)).toEqual([[0, 1, 2]]);
  });

  it('fires event_count and value_count correlations per group-by within the timespan', () => {
    const eventCount = `${CORRELATION_BASE}---
title: many failed logons
id: 00000000-0000-4000-8000-00000000000b
correlation:
  type: event_count
  rules:
    - failed_logon
  group-by:
    - Computer
  timespan: 1m
  condition:
    gte: 3
`;
    const rules = sigmaRules(eventCount);
    const hunt = new Hunt(rules);
    expect(hunt.notEvaluable).toEqual([]);
    const events = [
      logon('a', 'h1', 0),
      logon('a', 'h1', 10),
      logon('a', 'h2', 20),
      logon('a', 'h1', 50),
      logon('a', 'h1', 500),
    ];
    const result = (events.forEach((e) => hunt.push(e)), hunt.finish());
    const correlation = result.hits.find((h) => h.title === 'many failed logons');
    expect(correlation?.count).toBe(1);
    expect(correlation?.events.map((o) => o.index - events[0].record.origin.index)).toEqual([0, 1, 3]);

    const valueCount = eventCount
      .replace('type: event_count', 'type: value_count')
      .replace('gte: 3', 'gte: 2\n    field: TargetUserName');
    const hunt2 = new Hunt(sigmaRules(valueCount));
    const same = [logon('a', 'h1', 0), logon('a', 'h1', 5), logon('b', 'h2', 6)];
    const varied = [logon('a', 'h3', 0), logon('b', 'h3', 5)];
    [...same, ...varied].forEach((e) => hunt2.push(e));
    const fired = hunt2.finish().hits.find((h) => h.title === 'many failed logons');
    expect(fired?.events.map((o) => o.index)).toEqual(varied.map((e) => e.record.origin.index));
  });

  it('fires temporal correlations when every rule matched in the window, in order when ordered', () => {
    const second = CORRELATION_BASE.replace('failed logon', 'success')
      .replace('0000000a', '0000000c')
      .replace('failed_logon', 'success_logon')
      .replace('4625', '4624');
    const temporal = (type: string): string => `${CORRELATION_BASE}---
${second}---
title: failure then success
id: 00000000-0000-4000-8000-00000000000d
correlation:
  type: ${type}
  rules:
    - failed_logon
    - success_logon
  group-by:
    - TargetUserName
  timespan: 1m
`;
    const run = (type: string, events: NormalizedEvent[]): number => (
      events.forEach((e) => hunt.push(e)),
      hunt.finish().hits.find((h) => h.title === 'failure then success')?.count ?? 0
    );
    let hunt = new Hunt(sigmaRules(temporal('temporal_ordered')));
    expect(run('temporal_ordered', [logon('a', 'h', 0), logon('a', 'h', 10, '4624')])).toBe(1);
    hunt = new Hunt(sigmaRules(temporal('temporal_ordered')));
    expect(run('temporal_ordered', [logon('a', 'h', 0, '4624'), logon('a', 'h', 10)])).toBe(0);
    hunt = new Hunt(sigmaRules(temporal('temporal')));
    expect(run('temporal', [logon('a', 'h', 0, '4624'), logon('a', 'h', 10)])).toBe(1);
    hunt = new Hunt(sigmaRules(temporal('temporal')));
    expect(run('temporal', [logon('a', 'h', 0, '4624'), logon('a', 'h', 100)])).toBe(0);
  });
});

describe('Rules the engine cannot evaluate', () => {
  it('says why instead of not firing', () => {
    const badRegex = processRule("sel:\n  CommandLine|re: '(?<x'\ncondition: sel");
    const [unmapped] = sigmaRules(
      'title: t\nid: u1\nlogsource:\n  product: nowhere\ndetection:\n  sel:\n    a: b\n  condition: sel\n',
    );
    const near = processRule('sel:\n  Image: a\ncondition: sel | near sel');
    const hunt = new Hunt([badRegex, unmapped, near]);
    expect(hunt.notEvaluable.map((n) => n.reason)).toEqual([
      expect.stringContaining('regular expression'),
      'logsource product:nowhere maps to no event of the event catalog',
      'aggregation near is not evaluable',
    ]);
  });
});

describe('the literal prefilter', () => {
  function evaluated(detection: string, events: Fields[]): [number[], number] {
    const hunt = new Hunt([processRule(detection)]);
    const fired = positions(
      hunt,
      events.map((e) => testEvent(e)),
    );
    return [fired[0] ?? [], hunt.finish().counts.evaluated];
  }

  it('evaluates a rule only on events holding a literal of each of two ANDed parts', () => {
    const items = 's_a:\n  Image|endswith: a.exe\ns_two:\n  CommandLine|contains: two\n';
    expect(evaluated(`${items}condition: s_a and s_two`, [A, B, AB])).toEqual([[2], 1]);
    expect(evaluated(`${items}condition: s_a or s_two`, [A, B, AB])).toEqual([[0, 1, 2], 3]);
    expect(evaluated(`${items}condition: s_a and not s_two`, [A, B, AB])).toEqual([[0], 2]);
  });
});
