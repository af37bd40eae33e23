// Specific values from the ES|QL lexer, parser and lowering, file-relative positions, and robustness.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../test/parse.js';
import { emptyContext } from '../language.js';
import { esqlLanguage } from './index.js';
import { tokenize } from './lexer.js';

const where = (condition: string): unknown[] =>
  parseQuery('esql', `FROM logs-*\n| WHERE ${condition}`).stages[1].predicates.map((p) => [
    p.field,
    p.op,
    p.values,
    p.negated,
    p.caseSensitive,
  ]);

describe('ES|QL lexer', () => {
  it('skips comments and reads strings, triple-quoted strings, params and dotted names', () => {
    const tokens = tokenize('a.b /* x /* y */ */ == "q\\"r" // c\n"""s\\d""" ?p `x``y`', []);
    expect(tokens.map((t) => [t.kind, t.value, t.start])).toEqual([
      ['ident', 'a.b', 0],
      ['op', '==', 20],
      ['string', 'q"r', 23],
      ['string', 's\\d', 35],
      ['param', '?p', 45],
      ['quoted_ident', 'x`y', 48],
      ['eof', '', 54],
    ]);
  });
});

describe('ES|QL parse', () => {
  it('makes one stage per command and reads FROM indices as data sources', () => {
    const q = parseQuery(
      'esql',
      'from logs-endpoint.events.*, logs-windows.* metadata _id\n| where process.name == "a"\n| lookup join hosts on host.name\n| inline stats c = count(*) by host.name\n| limit 5',
    );
    expect(q.diagnostics).toEqual([]);
    expect(q.stages.map((s) => s.kind)).toEqual(['from', 'where', 'lookup join', 'inline stats', 'limit']);
    expect(q.stages[2].text).toBe('lookup join hosts on host.name');
    expect(q.dataSources.map((d) => [d.kind, d.value])).toEqual([
      ['index', 'logs-endpoint.events.*'],
      ['index', 'logs-windows.*'],
    ]);
  });

  it('lowers comparisons, IN, LIKE, RLIKE (anchored, as Lucene matches the whole value) and IS NULL', () => {
    expect(
      where(
        'a == "x" and b != 1 and c IN ("p", "q") and d LIKE "*.exe" and e RLIKE "f.*" and g IS NOT NULL and h IS NULL',
      ),
    ).toEqual([
      ['a', 'eq', ['x'], false, true],
      ['b', 'eq', ['1'], true, true],
      ['c', 'eq', ['p', 'q'], false, true],
      ['d', 'wildcard', ['*.exe'], false, true],
      ['e', 'regex', ['^(?:f.*)$'], false, true],
      ['g', 'exists', [], false, false],
      ['h', 'exists', [], true, false],
    ]);
  });

  it('reads TO_LOWER(field) as a case-insensitive predicate on the field', () => {
    expect(where('TO_LOWER(process.name) == "cmd.exe" and NOT TO_LOWER(user.name) LIKE "*admin*"')).toEqual([
      ['process.name', 'eq', ['cmd.exe'], false, false],
      ['user.name', 'wildcard', ['*admin*'], true, false],
    ]);
  });

  it('compares two fields as fieldref and mirrors a literal on the left', () => {
    expect(where('source.ip == destination.ip and 10 < bytes')).toEqual([
      ['source.ip', 'fieldref', ['destination.ip'], false, true],
      ['bytes', 'gt', ['10'], false, true],
    ]);
  });

  it('pushes NOT through AND and OR as polarity', () => {
    expect(where('NOT (a == 1 OR NOT (b == 2 AND c == 3))').map((p) => (p as unknown[])[3])).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('remembers what computed fields derive from', () => {
    const q = parseQuery('esql', 'FROM x | EVAL n = TO_LOWER(process.name) | EVAL m = n | WHERE m == "a"');
    const [p] = q.stages[3].predicates;
    expect([p.field, p.derivedFrom, p.caseSensitive]).toEqual(['m', ['process.name'], true]);
    expect(q.stages[1].predicates).toEqual([]);
  });

  it('reports spans relative to the file', () => {
    const text = 'FROM logs-*\n| WHERE a == 1';
    const q = esqlLanguage.parse({
      source: { language: 'esql', text, start: { line: 20, column: 9, offset: 500 } },
      context: emptyContext(),
    });
    expect(q.stages[1].span?.start).toEqual({ line: 21, column: 3, offset: 514 });
    expect(q.stages[1].predicates[0].span?.start).toEqual({ line: 21, column: 9, offset: 520 });
  });

  it('recovers at the next pipe after an error', () => {
    const q = parseQuery('esql', 'FROM x\n| WHERE a == (1\n| WHERE b == 2');
    expect(q.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [3, 1, 'Unexpected "|", expected ")"'],
    ]);
    expect(q.stages.map((s) => s.kind)).toEqual(['from', 'where', 'where']);
    expect(q.stages[2].predicates[0].field).toBe('b');
  });

  it('never throws on arbitrary input', () => {
    const unit = fc.constantFrom(
      'FROM x',
      '|',
      'WHERE',
      'a',
      '==',
      '"',
      '"""',
      '(',
      ')',
      ' ',
      'NOT',
      'IN',
      'LIKE',
      '/*',
      '//',
      '\n',
      '`',
      '?',
      '{',
      ':',
      ',',
    );
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        expect(Array.isArray(parseQuery('esql', text).stages)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('survives deep nesting', () => {
    const q = parseQuery('esql', `ROW a = ${'('.repeat(5000)}1${')'.repeat(5000)}`);
    expect(q.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const nots = parseQuery('esql', `FROM x | WHERE ${'NOT '.repeat(20001)}a == 1`);
    expect(nots.stages[1].predicates[0].negated).toBe(true);
  });
});
