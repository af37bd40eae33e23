// ES|QL queries as the engine evaluates their lowering: WHERE operators and string functions, embedded KQL and
// QSTR, EVAL columns read later, STATS ... BY with a following WHERE, the pipeline commands that keep rows, and
// what is not evaluable.
import { describe, expect, it } from 'vitest';
import type { EventValue, NormalizedEvent } from '../model/event.js';
import type { ParsedRule } from '../model/rule.js';
import { sigmaRules } from '../../test/engine.js';
import { Hunt } from './hunt.js';

type Fields = Record<string, EventValue>;

let index = 0;

/** An Elastic Common Schema event with dotted field names, at `time` milliseconds. */
function ecs(fields: Fields, time = 0): NormalizedEvent {
  const data = { '@timestamp': new Date(time).toISOString(), 'event.category': 'process', ...fields };
  return {
    type: 'normalized-event',
    record: { type: 'event', shape: 'ecs', origin: { file: 'esql', index: index++ }, data },
    provider: 'elastic',
    eventId: 'process',
    events: ['elastic:process'],
    time,
    fields: data,
    views: {},
    raw: JSON.stringify(data),
  };
}

/** An Elastic detection rule of type esql around the query. */
function esqlRule(query: string): ParsedRule {
  const toml = [
    '[metadata]',
    'creation_date = "2026/11/29"',
    '',
    '[rule]',
    'author = ["Elastic"]',
    'description = "d"',
    'language = "esql"',
    'name = "n"',
    'risk_score = 21',
    'rule_id = "00000000-0000-4000-8000-0000000000e5"',
    'severity = "low"',
    'type = "esql"',
    "query = '''",
    query,
    "'''",
    '',
  ].join('\n');
  const [rule] = sigmaRules(toml, 'rules/rule.toml');
  return rule;
}

function run(query: string, events: NormalizedEvent[]): { fired: number[]; reason?: string } {
  const hunt = new Hunt([esqlRule(query)]);
  events.forEach((e) => hunt.push(e));
  const result = hunt.finish();
  const fired = result.hits.flatMap((h) =>
    h.events.map((o) => events.findIndex((e) => e.record.origin === o)),
  );
  return { fired: [...new Set(fired)].sort((a, b) => a - b), reason: result.notEvaluable[0]?.reason };
}

function fires(query: string, events: NormalizedEvent[]): number[] {
  const { fired, reason } = run(query, events);
  expect(reason).toBeUndefined();
  return fired;
}

const where = (condition: string): string => `FROM logs-endpoint.events.process-*\n| WHERE ${condition}`;

const proc = (name: string, line: string, user = 'alice'): NormalizedEvent =>
  ecs({ 'process.name': name, 'process.command_line': line, 'user.name': user });

const rows = [proc('whoami.exe', 'whoami /all'), proc('WHOAMI.EXE', 'WhoAmI'), proc('net.exe', 'net user')];

describe('ES|QL WHERE', () => {
  it('== and != compare with case; =~ and TO_LOWER without', () => {
    expect(fires(where('process.name == "whoami.exe"'), rows)).toEqual([0]);
    expect(fires(where('process.name != "whoami.exe"'), rows)).toEqual([1, 2]);
    expect(fires(where('process.name =~ "whoami.exe"'), rows)).toEqual([0, 1]);
    expect(fires(where('TO_LOWER(process.name) == "whoami.exe"'), rows)).toEqual([0, 1]);
  });

  it('LIKE is a whole-value glob, RLIKE a whole-value regex; NOT negates them', () => {
    expect(fires(where('process.command_line LIKE "*/all"'), rows)).toEqual([0]);
    expect(fires(where('process.command_line LIKE "who*"'), rows)).toEqual([0]);
    expect(fires(where('process.command_line RLIKE "net .*"'), rows)).toEqual([2]);
    expect(fires(where('process.command_line RLIKE "user"'), rows)).toEqual([]);
    expect(fires(where('process.name NOT LIKE "*.exe"'), rows)).toEqual([1]);
  });

  it('LIKE patterns keep their escaped backslashes', () => {
    const paths = [
      ecs({ 'process.executable': 'C:\\Windows\\a.exe' }),
      ecs({ 'process.executable': 'D:\\a.exe' }),
    ];
    expect(fires(where('process.executable LIKE """C:\\\\Windows\\\\*"""'), paths)).toEqual([0]);
  });

  it('IN, IS NULL and IS NOT NULL', () => {
    expect(fires(where('process.name IN ("net.exe", "whoami.exe")'), rows)).toEqual([0, 2]);
    const parents = [ecs({ 'process.parent.name': 'cmd.exe' }), ecs({ 'process.name': 'x' })];
    expect(fires(where('process.parent.name IS NULL'), parents)).toEqual([1]);
    expect(fires(where('process.parent.name IS NOT NULL'), parents)).toEqual([0]);
  });

  it('string functions: STARTS_WITH, ENDS_WITH, LENGTH, and AND/OR/NOT precedence', () => {
    expect(fires(where('STARTS_WITH(process.command_line, "net")'), rows)).toEqual([2]);
    expect(fires(where('ENDS_WITH(process.name, ".EXE")'), rows)).toEqual([1]);
    expect(fires(where('LENGTH(process.command_line) > 8'), rows)).toEqual([0]);
    const query = where(
      'process.name == "net.exe" OR process.name == "whoami.exe" AND NOT user.name == "alice"',
    );
    expect(fires(query, rows)).toEqual([2]);
  });

  it('reads KQL() and QSTR() queries embedded in WHERE', () => {
    expect(fires(where('KQL("process.name: net.exe")'), rows)).toEqual([2]);
    expect(fires(where('NOT KQL("process.name: net.exe") AND process.name == "whoami.exe"'), rows)).toEqual([
      0,
    ]);
  });

  it('takes a time filter relative to now as the lookback', () => {
    expect(fires(where('@timestamp > NOW() - 1 day AND process.name == "net.exe"'), rows)).toEqual([2]);
  });
});

describe('ES|QL EVAL, STATS and the row commands', () => {
  it('filters on a column EVAL computes, with CASE', () => {
    const query =
      'FROM logs-*\n| EVAL tool = TO_LOWER(process.name), risky = CASE(tool == "net.exe", 1, 0)\n| WHERE risky == 1';
    expect(fires(query, rows)).toEqual([2]);
  });

  it('counts per group and keeps the groups the WHERE after STATS lets through', () => {
    const query =
      'FROM logs-*\n| WHERE process.name == "net.exe"\n| STATS n = COUNT(*), hosts = COUNT_DISTINCT(host.name) BY user.name\n| WHERE n >= 2 AND hosts >= 2';
    const net = (user: string, host: string, t: number): NormalizedEvent =>
      ecs({ 'process.name': 'net.exe', 'user.name': user, 'host.name': host }, t);
    expect(fires(query, [net('a', 'h1', 0), net('b', 'h1', 1), net('a', 'h2', 2)])).toEqual([0, 2]);
    expect(fires(query, [net('a', 'h1', 0), net('a', 'h1', 1)])).toEqual([]);
  });

  it('windows STATS by BUCKET(@timestamp, 1 hour)', () => {
    const query =
      'FROM logs-*\n| STATS c = COUNT(*) BY user.name, BUCKET(@timestamp, 1 hour)\n| WHERE c > 1\n| KEEP user.name, c\n| SORT c DESC\n| LIMIT 10';
    expect(fires(query, [proc('a', 'x', 'u'), ecs({ 'user.name': 'u' }, 60_000)])).toEqual([0, 1]);
    expect(fires(query, [proc('a', 'x', 'u'), ecs({ 'user.name': 'u' }, 7_200_000)])).toEqual([]);
  });

  it('groups by a DATE_TRUNC column EVAL computes: fixed buckets of event time', () => {
    const query =
      'FROM logs-*\n| EVAL minute = DATE_TRUNC(1 minute, @timestamp)\n| STATS c = COUNT(*) BY minute, user.name\n| WHERE c >= 2';
    const at = (t: number): NormalizedEvent => ecs({ 'user.name': 'u' }, t);
    expect(fires(query, [at(60_000), at(61_000), at(130_000)])).toEqual([0, 1]);
    expect(fires(query, [at(59_000), at(61_000)])).toEqual([]);
  });

  it('computes the fields a DISSECT pattern writes, for the commands after it', () => {
    const query =
      'FROM logs-*\n| DISSECT message "%{verb} %{path} HTTP/%{version}"\n| WHERE verb == "POST" AND path LIKE "/admin*"';
    const requests = [
      ecs({ message: 'POST /admin/users HTTP/1.1' }),
      ecs({ message: 'GET /admin/users HTTP/1.1' }),
      ecs({ message: 'POST /login HTTP/2' }),
    ];
    expect(fires(query, requests)).toEqual([0]);
  });

  it('says why it cannot evaluate an enrich, a lookup join, or a field a GROK pattern extracts', () => {
    expect(run('FROM logs-* | ENRICH hosts ON host.name', []).reason).toMatch(/ENRICH/);
    expect(run('FROM logs-* | LOOKUP JOIN threats ON source.ip', []).reason).toMatch(/LOOKUP JOIN/);
    const grok = 'FROM logs-* | GROK message "%{IP:client}" | WHERE client == "10.0.0.1"';
    expect(run(grok, []).reason).toMatch(/grok/);
    expect(
      fires('FROM logs-* | GROK message "%{IP:client}" | WHERE process.name == "net.exe"', rows),
    ).toEqual([2]);
  });
});
