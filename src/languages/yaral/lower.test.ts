// The model a YARA-L rule lowers to: event variable stages with their logic, match windows as aggregations,
// several variables as sequences and joins, and what is marked not evaluable.
import { describe, expect, it } from 'vitest';
import { yaralLanguage } from './index.js';
import { emptyContext } from '../language.js';
import { re2ToJavaScript } from './regex.js';

function parse(events: string, rest = 'condition:\n  $e') {
  const text = `rule r {\n events:\n  ${events.trim().replaceAll('\n', '\n  ')}\n ${rest.replaceAll('\n', '\n ')}\n}`;
  const q = yaralLanguage.parse({
    source: { language: 'yaral', text, start: { line: 1, column: 1, offset: 0 } },
    context: emptyContext(),
  });
  expect(q.diagnostics).toEqual([]);
  return q;
}

const described = (p: { field: string | null; op: string; values: string[]; caseSensitive: boolean }) =>
  `${p.field} ${p.op}${p.caseSensitive ? '' : '~'} ${p.values.join('|')}`;

describe('one event variable', () => {
  it('is a stage of its own under the events stage, the query logic', () => {
    const q = parse('$e.metadata.event_type = "PROCESS_LAUNCH"\n$e.target.process.file.names = "a.exe"');
    expect(q.stages.map((s) => [s.kind, s.name, s.parent])).toEqual([
      ['events', undefined, undefined],
      ['event', '$e', 0],
      ['condition', undefined, undefined],
    ]);
    expect(q.logic).toEqual({ type: 'stage', index: 1 });
    expect(q.stages[1].logic).toEqual({
      type: 'and',
      operands: [
        { type: 'predicate', index: 0 },
        { type: 'predicate', index: 1 },
      ],
    });
    expect(q.dataSources).toEqual([{ type: 'datasource', kind: 'event_type', value: 'PROCESS_LAUNCH' }]);
  });

  it('keeps and, or, not and their precedence as a tree', () => {
    const q = parse('$e.a = "1" or $e.b = "2" and not ($e.c = "3" or $e.d != "4")');
    expect(q.stages[1].logic).toEqual({
      type: 'or',
      operands: [
        { type: 'predicate', index: 0 },
        {
          type: 'and',
          operands: [
            { type: 'predicate', index: 1 },
            {
              type: 'not',
              operand: {
                type: 'or',
                operands: [
                  { type: 'predicate', index: 2 },
                  { type: 'not', operand: { type: 'predicate', index: 3 } },
                ],
              },
            },
          ],
        },
      ],
    });
    // Display polarity: `c` under one not, `d` under a not and a `!=`.
    expect(q.stages[1].predicates.map((p) => p.negated)).toEqual([false, false, true, false]);
  });

  it('reads nocase, case folding, regex literals and calls, cidr and string functions', () => {
    const q = parse(`
$e.a = "X" nocase
strings.to_lower($e.b) = "y"
$e.c = /(?P<n>ab)\\z/
re.regex($e.d, \`(?i)^cmd\`)
re.regex($e.g, \`x\`) = false
net.ip_in_range_cidr($e.ip, "10.0.0.0/8")
strings.contains($e.cmd, "-enc") nocase
strings.starts_with($e.f, "C:")
$e.port > 1024`);
    const s = q.stages[1];
    expect(s.predicates.map(described)).toEqual([
      'a eq~ X',
      'b eq~ y',
      'c regex (?<n>ab)$',
      'd regex~ (?i)^cmd',
      'g regex x',
      'ip cidr 10.0.0.0/8',
      'cmd match~ -enc',
      'f starts_with C:',
      'port gt 1024',
    ]);
    expect((s.logic as { operands: unknown[] }).operands[4]).toEqual({
      type: 'not',
      operand: { type: 'predicate', index: 4 },
    });
  });

  it('reads an empty string as an absent field', () => {
    const q = parse('$e.a = ""\n$e.b != ""');
    expect(q.stages[1].predicates.map((p) => [p.op, p.negated])).toEqual([
      ['exists', true],
      ['exists', false],
    ]);
    expect(q.stages[1].logic).toEqual({
      type: 'and',
      operands: [
        { type: 'not', operand: { type: 'predicate', index: 0 } },
        { type: 'predicate', index: 1 },
      ],
    });
  });

  it('compares two paths of one event, and reads a placeholder as the path it binds', () => {
    const q = parse('$e.principal.user.userid = $user\n$user != "svc"\n$e.a != $e.b');
    expect(q.stages[1].predicates.map(described)).toEqual(['principal.user.userid eq svc', 'a fieldref b']);
    expect(q.stages[1].predicates[1].valueKind).toBe('field');
  });

  it('keeps other functions as expressions, under their model names where the model has them', () => {
    const q = parse(
      'strings.concat($e.a, $e.b) = "xy"\ntimestamp.get_hour($e.metadata.event_timestamp.seconds) > 20',
    );
    expect(q.stages[1].logic).toEqual({
      type: 'and',
      operands: [
        {
          type: 'expression',
          expression: {
            type: 'call',
            name: '==',
            args: [
              {
                type: 'call',
                name: 'concat',
                args: [
                  { type: 'field', name: 'a' },
                  { type: 'field', name: 'b' },
                ],
              },
              { type: 'literal', value: 'xy' },
            ],
          },
        },
        {
          type: 'expression',
          expression: {
            type: 'call',
            name: '>',
            args: [
              {
                type: 'call',
                name: 'timestamp.get_hour',
                args: [{ type: 'field', name: 'metadata.event_timestamp.seconds' }],
              },
              { type: 'literal', value: 20 },
            ],
          },
        },
      ],
    });
  });

  it('marks reference lists and repeated-field quantifiers it cannot say as not evaluable', () => {
    expect(parse('$e.principal.ip in %blocked').stages[1].notEvaluable).toBe(
      'reference list %blocked has no values here',
    );
    expect(parse('all $e.principal.ip = "1.2.3.4"').stages[1].logic).toMatchObject({ type: 'expression' });
    expect(parse('all $e.principal.ip != "1.2.3.4"').stages[1].logic).toEqual({
      type: 'not',
      operand: { type: 'predicate', index: 0 },
    });
  });

  it('requires an event type only where each branch of an or names one', () => {
    expect(parse('$e.metadata.event_type = "A" or $e.metadata.event_type = "B"').dataSources).toHaveLength(2);
    expect(parse('$e.metadata.event_type = "A" or $e.x = "y"').dataSources).toEqual([]);
  });
});

describe('match windows and counts', () => {
  it('counts a variable per match key and window, with the count threshold', () => {
    const q = parse(
      '$e.metadata.event_type = "USER_LOGIN"\n$e.target.user.userid = $user',
      'match:\n  $user over 15m\ncondition:\n  #e >= 10',
    );
    const condition = q.stages[3];
    expect(q.logic).toEqual({ type: 'stage', index: 3 });
    expect(condition.logic).toEqual({ type: 'stage', index: 1 });
    expect(condition.aggregation).toEqual({
      type: 'aggregation',
      function: 'count',
      groupBy: ['target.user.userid'],
      windowMs: 900_000,
      threshold: { type: 'predicate', index: 0 },
    });
    expect(condition.predicates.map(described)).toEqual(['#e gte 10']);
  });

  it('fires once per window for a bare variable with a match section', () => {
    const q = parse('$e.principal.hostname = $host', 'match:\n  $host over 5m\ncondition:\n  $e');
    expect(q.stages[3].aggregation).toMatchObject({
      groupBy: ['principal.hostname'],
      threshold: { type: 'true' },
    });
  });

  it('counts distinct values of a placeholder or of an outcome count_distinct', () => {
    const placeholder = parse(
      '$e.principal.hostname = $host\n$e.target.process.command_line = $cl',
      'match:\n  $host over 15m\ncondition:\n  $e and #cl > 5',
    );
    expect(placeholder.stages[3].aggregation).toMatchObject({
      function: 'count',
      field: 'target.process.command_line',
    });
    const outcome = parse(
      '$e.principal.user.userid = $u',
      'match:\n  $u over 1h\noutcome:\n  $dc = count_distinct($e.target.resource.name)\ncondition:\n  $e and $dc > 5',
    );
    expect(outcome.stages[4].aggregation).toMatchObject({ function: 'count', field: 'target.resource.name' });
    const computed = parse(
      '$e.principal.user.userid = $u',
      'match:\n  $u over 1h\noutcome:\n  $risk = max(if($e.x = "1", 10, 0))\ncondition:\n  $e and $risk > 5',
    );
    expect(computed.stages[4].notEvaluable).toMatch(/outcome \$risk is computed/);
  });
});

describe('several event variables', () => {
  const twoEvents = `$a.metadata.event_type = "USER_LOGIN"
$a.principal.hostname = $host
$a.target.user.userid = $user
$b.metadata.event_type = "PROCESS_LAUNCH"
$b.principal.hostname = $host
$b.principal.user.userid = $user`;

  it('are an unordered sequence sharing their placeholders', () => {
    const q = parse(twoEvents, 'match:\n  $host over 10m\ncondition:\n  $a and $b');
    expect(q.logic).toBeUndefined();
    expect(q.stages[0].sequence).toEqual({
      type: 'sequence',
      steps: [1, 2],
      by: ['principal.hostname'],
      stepBy: [['target.user.userid'], ['principal.user.userid']],
      windowMs: 600_000,
      ordered: false,
    });
  });

  it('are ordered when the rule orders their event times, and joined on paths compared across them', () => {
    const q = parse(
      `${twoEvents}\n$b.metadata.event_timestamp.seconds > $a.metadata.event_timestamp.seconds\n$b.target.ip = $a.principal.ip`,
      'match:\n  $host over 10m\ncondition:\n  $b and $a',
    );
    expect(q.stages[0].sequence).toMatchObject({
      steps: [1, 2],
      ordered: true,
      stepBy: [
        ['target.user.userid', 'principal.ip'],
        ['principal.user.userid', 'target.ip'],
      ],
    });
  });

  it('read an absent variable as a left-anti join within the window', () => {
    const q = parse(twoEvents, 'match:\n  $host over 10m\ncondition:\n  $a and !$b');
    expect(q.stages[0].join).toEqual({
      type: 'join',
      kind: 'leftanti',
      left: 1,
      right: 2,
      on: [
        { left: 'principal.hostname', right: 'principal.hostname' },
        { left: 'target.user.userid', right: 'principal.user.userid' },
      ],
      windowMs: 600_000,
    });
  });

  it('are not evaluable with a count, or without a match window', () => {
    const counted = parse(twoEvents, 'match:\n  $host over 10m\ncondition:\n  #a > 3 and $b');
    expect(counted.stages.at(-1)?.notEvaluable).toMatch(/a count in a rule of several event variables/);
    const unmatched = parse(twoEvents, 'condition:\n  $a and $b');
    expect(unmatched.stages.at(-1)?.notEvaluable).toMatch(/without a match window/);
  });
});

describe('RE2 patterns in JavaScript', () => {
  it('rewrites what differs and refuses what JavaScript cannot say', () => {
    expect(re2ToJavaScript('(?P<x>a)\\Aq\\z')).toEqual({ pattern: '(?<x>a)^q$' });
    expect(re2ToJavaScript('\\Qa.b*\\Ec')).toEqual({ pattern: 'a\\.b\\*c' });
    expect(re2ToJavaScript('[[:digit:][:upper:]_]')).toEqual({ pattern: '[0-9A-Z_]' });
    expect(re2ToJavaScript('[]a]')).toEqual({ pattern: '[\\]a]' });
    expect(re2ToJavaScript('(?i)cmd(?:\\.exe)?')).toEqual({ pattern: '(?i)cmd(?:\\.exe)?' });
    expect(re2ToJavaScript('a(?i)b')).toHaveProperty('unsupported');
    expect(re2ToJavaScript('\\pL+')).toHaveProperty('unsupported');
  });

  it('drops the wildcards a search does not need, which JavaScript would backtrack over', () => {
    expect(re2ToJavaScript('.*.*\\.xlsx\\.swf')).toEqual({ pattern: '\\.xlsx\\.swf' });
    expect(re2ToJavaScript('(?i).*cmd.*/c.*')).toEqual({ pattern: '(?i)cmd.*/c' });
    expect(re2ToJavaScript('a\\.*')).toEqual({ pattern: 'a\\.*' });
    expect(re2ToJavaScript('.*?x')).toEqual({ pattern: '.*?x' });
  });
});
