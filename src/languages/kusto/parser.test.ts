/** Parser tests: statement and pipeline shapes, recovery, and positioned diagnostics for bad input. */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../test/parse.js';
import { parseScript } from './parser.js';

describe('kusto parser', () => {
  it('splits statements on ; and reads let values of every shape', () => {
    const script = parseScript(
      'let a = 5;\nlet b = dynamic(["x"]);\nlet f = (t: string) { T | where c == t };\nlet v = view () { T };\nT | take 1',
    );
    expect(script.problems).toEqual([]);
    expect(
      script.statements.map((s) => (s.type === 'let' ? `let ${s.name}:${s.value.type}` : s.type)),
    ).toEqual(['let a:literal', 'let b:call', 'let f:function', 'let v:function', 'query']);
  });

  it('reads join options, the right side and the on keys', () => {
    const script = parseScript(
      'A | join kind=leftouter hint.strategy=broadcast (B | where x == 1) on $left.a == $right.b, c',
    );
    const stmt = script.statements[0];
    expect(stmt.type === 'query' && stmt.expr.type === 'pipe' && stmt.expr.operators[0]).toMatchObject({
      name: 'join',
      options: { kind: 'leftouter', 'hint.strategy': 'broadcast' },
      tables: [{ type: 'pipe' }],
      args: [
        { type: 'binary', op: '==' },
        { type: 'name', name: 'c' },
      ],
    });
  });

  it('never throws on hostile input and always positions its errors', () => {
    const inputs = [
      '(((((',
      ')))',
      '| | |',
      'let',
      'let x =',
      'T | where',
      'T | join (',
      '"',
      "@'",
      '```',
      'T | summarize by',
      'union',
      'datatable(a:string)[',
      '\u0000\u0001',
    ];
    for (const input of inputs) {
      const parsed = parseQuery('kusto', input);
      for (const d of parsed.diagnostics) {
        expect(d.line).toBeGreaterThan(0);
        expect(d.column).toBeGreaterThan(0);
      }
    }
  });

  it('gives one diagnostic with line and column for unbalanced parentheses, an unterminated string and an unknown operator', () => {
    const unbalanced = parseQuery('kusto', 'T\n| where (a == 1 or b == 2\n| take 1');
    expect(unbalanced.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [2, 9, 'Unexpected end of input, expected ")" to close this "("'],
    ]);
    const unterminated = parseQuery('kusto', 'T\n| where a == "abc\n| take 1');
    expect(unterminated.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [2, 14, 'Unterminated string literal'],
    ]);
    const unknown = parseQuery('kusto', 'T\n| frobnicate a\n| take 1');
    expect(unknown.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [2, 3, 'Unexpected "frobnicate", expected a tabular operator'],
    ]);
    expect(unknown.stages.map((s) => s.kind)).toEqual(['table', 'frobnicate', 'take']);
  });

  it('recovers after an error and lowers the operators that follow', () => {
    const parsed = parseQuery('kusto', 'T | where a == | where b == "x"');
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.stages[2].predicates[0]).toMatchObject({ field: 'b', values: ['x'] });
  });
});

describe('kusto parser on arbitrary text', () => {
  const pieces = [
    'T',
    '|',
    'where',
    'a',
    '==',
    '"x"',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    ',',
    ';',
    'let',
    '=',
    'join',
    'on',
    'union',
    'dynamic',
    '!has',
    'in~',
    '..',
    'between',
    '*',
    'by',
    'summarize',
    "'",
    '@"',
    '//',
    '\n',
    ' ',
    'mv-apply',
    'datatable',
    'project-away',
    'not',
    ':',
  ];

  it('returns, with positioned diagnostics, for any sequence of Kusto-ish tokens', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const parsed = parseQuery('kusto', parts.join(' '));
        return parsed.diagnostics.every((d) => d.line > 0 && d.column > 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('kusto parser on deeply nested input', () => {
  it('stops descending past its nesting limit with a diagnostic instead of exhausting the stack', () => {
    for (const input of [
      'T | where ' + '('.repeat(20000) + 'a == 1',
      'print x = ' + '-'.repeat(20000) + '1',
      'let f = () { '.repeat(5000),
    ]) {
      const parsed = parseQuery('kusto', input);
      expect(parsed.diagnostics.some((d) => d.severity === 'error' && d.line === 1)).toBe(true);
    }
  });

  it('lowers a long chain of conditions', () => {
    const parsed = parseQuery(
      'kusto',
      'T | where ' + Array.from({ length: 2000 }, (_, i) => `a == "${i}"`).join(' or '),
    );
    expect(parsed.stages[1].predicates).toHaveLength(2000);
  });
});
