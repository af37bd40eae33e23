// Specific values from the Kibana KQL lexer, parser and lowering, file-relative positions, and robustness.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../test/parse.js';
import { kueryLanguage } from './index.js';
import { tokenize } from './lexer.js';
import type { Problem } from '../kit/problem.js';
import { emptyContext } from '../language.js';

describe('kuery lexer', () => {
  it('keeps inner spaces of unquoted values and stops at keywords', () => {
    const problems: Problem[] = [];
    const tokens = tokenize('a : foo bar or NOT "x y"', problems);
    expect(tokens.map((t) => [t.kind, t.value, t.start, t.end])).toEqual([
      ['literal', 'a', 0, 1],
      ['colon', ':', 2, 3],
      ['literal', 'foo bar', 4, 11],
      ['or', 'or', 12, 14],
      ['not', 'not', 15, 18],
      ['literal', 'x y', 19, 24],
      ['eof', '', 24, 24],
    ]);
    expect(problems).toEqual([]);
  });

  it('unescapes special characters and marks only unescaped stars as wildcards', () => {
    const [escaped, wild] = tokenize('C\\:\\\\a\\* b*', []);
    expect(escaped.value).toBe('C:\\a* b*');
    expect(escaped.wildcard).toBe(true);
    expect(wild.kind).toBe('eof');
    expect(tokenize('a\\*', [])[0].wildcard).toBe(false);
  });
});

describe('kuery parse', () => {
  it('lowers the issue example', () => {
    const q = parseQuery(
      'kuery',
      'event.category:process and process.name:(cmd.exe or powershell.exe) and not user.name:SYSTEM',
    );
    expect(q.diagnostics).toEqual([]);
    expect(q.stages).toHaveLength(1);
    expect(q.stages[0].kind).toBe('query');
    expect(q.stages[0].predicates.map((p) => [p.field, p.op, p.values, p.negated, p.caseSensitive])).toEqual([
      ['event.category', 'eq', ['process'], false, true],
      ['process.name', 'eq', ['cmd.exe', 'powershell.exe'], false, true],
      ['user.name', 'eq', ['SYSTEM'], true, true],
    ]);
  });

  it('reads or lists with and-groups as Kibana does: a or (b and c)', () => {
    const [a, bc] = parseQuery('kuery', 'f:(a or b and c)').stages[0].predicates;
    expect([a.values, a.all]).toEqual([['a'], false]);
    expect([bc.values, bc.all]).toEqual([['b', 'c'], true]);
  });

  it('turns free text into search terms and `field:*` into exists', () => {
    const stage = parseQuery('kuery', 'not "mimikatz" and url.path:*').stages[0];
    expect(stage.terms.map((t) => [t.value, t.quoted, t.negated])).toEqual([['mimikatz', true, true]]);
    expect(stage.predicates.map((p) => [p.field, p.op, p.values])).toEqual([['url.path', 'exists', []]]);
  });

  it('reports spans relative to the file the query sits in', () => {
    const text = 'host.os.type:windows and\n  process.name:"cmd.exe"';
    const q = kueryLanguage.parse({
      source: { language: 'kuery', text, start: { line: 12, column: 9, offset: 300 } },
      context: emptyContext(),
    });
    const [host, name] = q.stages[0].predicates;
    expect(host.span?.start).toEqual({ line: 12, column: 9, offset: 300 });
    expect(name.span?.start).toEqual({ line: 13, column: 3, offset: 327 });
    expect(q.stages[0].span?.end).toEqual({ line: 13, column: 25, offset: 349 });
  });

  it('reports errors with line and column and keeps what it understood', () => {
    const q = parseQuery('kuery', 'a:1 and\n  b:(2 or 3');
    expect(q.diagnostics.map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      ['error', 2, 12, 'Unexpected end of input, expected ")"'],
    ]);
    expect(q.stages[0].predicates.map((p) => p.field)).toEqual(['a', 'b']);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', ':', '(', ')', '"', '\\', '*', ' ', 'or', 'not', '{', '}', '>', '='),
        }),
        (text) => {
          const q = parseQuery('kuery', text);
          expect(q.stages).toHaveLength(1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('survives deep nesting', () => {
    const q = parseQuery('kuery', `${'('.repeat(5000)}a:1${')'.repeat(5000)}`);
    expect(q.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const nots = parseQuery('kuery', `${'not '.repeat(20001)}a:1`);
    expect(nots.stages[0].predicates[0].negated).toBe(true);
  });
});
