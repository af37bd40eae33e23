// EQL parser tests with specific values: tokens, file-relative spans, legacy semantics, and no crash on any input.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseQuery } from '../../../test/parse.js';
import { eqlLanguage } from './index.js';
import { emptyContext } from '../language.js';
import { lex } from './lexer.js';

describe('lexer', () => {
  test('keeps dotted and backquoted names whole, and the tilde on operator words', () => {
    const { tokens, problems } = lex('a.b.`0`.c like~ ?x.y ?"r\\aw" 30s');
    expect(problems).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['field', 'a.b.0.c'],
      ['ident', 'like~'],
      ['field', 'x.y'],
      ['string', 'r\\aw'],
      ['number', '30'],
      ['eof', ''],
    ]);
    expect(tokens[4].unit).toBe('s');
    expect(tokens[2].optional).toBe(true);
  });

  test('unescapes strings once and reads unicode escapes', () => {
    const [t] = lex('"C:\\\\Windows\\\\x.exe \\"q\\" \\u{1F600} \\u00e9"').tokens;
    expect(t.value).toBe('C:\\Windows\\x.exe "q" 😀 é');
  });
});

describe('spans are file-relative', () => {
  test('a query that starts inside a file maps its offsets through the file position', () => {
    const text = 'process where\n  process.name == "x"';
    const parsed = eqlLanguage.parse({
      source: { language: 'eql', text, start: { line: 10, column: 5, offset: 200 } },
      context: emptyContext(),
    });
    const [p] = parsed.stages[0].predicates;
    expect(p.span).toEqual({
      start: { line: 11, column: 3, offset: 216 },
      end: { line: 11, column: 22, offset: 235 },
    });
    expect(parsed.stages[0].span?.start).toEqual({ line: 10, column: 5, offset: 200 });
  });

  test('diagnostics carry the line and column of the bad token', () => {
    const parsed = parseQuery('eql', 'process where\n  process.name == "x" )');
    expect(parsed.diagnostics.map((d) => [d.line, d.column, d.severity])).toEqual([[2, 23, 'error']]);
  });
});

describe('semantics', () => {
  test('== is case-sensitive, : is not, and legacy == reads * as a case-insensitive wildcard', () => {
    const modern = parseQuery('eql', 'file where file.name == "*.dmp" and file.path : "C:\\\\x"').stages[0]
      .predicates;
    expect(modern.map((p) => [p.op, p.caseSensitive, p.values[0]])).toEqual([
      ['eq', true, '*.dmp'],
      ['eq', false, 'C:\\x'],
    ]);
    const legacy = parseQuery('eql', 'file where file_name == "*.dmp"', { legacy: true }).stages[0]
      .predicates;
    expect(legacy.map((p) => [p.op, p.caseSensitive])).toEqual([['wildcard', false]]);
  });

  test('sequence sub-queries are stages under the sequence, pipes follow', () => {
    const parsed = parseQuery(
      'eql',
      'sequence by host.id [process where true] [file where true] until [any where true] | head 3',
    );
    expect(parsed.stages.map((s) => [s.index, s.kind, s.name ?? '', s.parent ?? -1])).toEqual([
      [0, 'sequence', '', -1],
      [1, 'where', '', 0],
      [2, 'where', '', 0],
      [3, 'where', 'until', 0],
      [4, 'head', '', -1],
    ]);
    expect(parsed.dataSources.map((d) => d.value)).toEqual(['process', 'file']);
  });
});

describe('robustness', () => {
  const pieces = [
    'process',
    'where',
    'sequence',
    'by',
    'with',
    'maxspan=',
    '[',
    ']',
    '(',
    ')',
    '"',
    '"""',
    '?"',
    '`',
    'and',
    'or',
    'not',
    ':',
    '==',
    'in',
    '~',
    ',',
    '|',
    'head',
    'x.y',
    '"v*"',
    '1',
    '/*',
    '//',
    '\n',
    ' ',
    '\\',
    'until',
    '![',
    '?',
  ];

  test('never throws, and every diagnostic has a line and column', () => {
    const query = fc.oneof(
      fc.string(),
      fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join(' ')),
    );
    fc.assert(
      fc.property(query, fc.boolean(), (text, legacy) => {
        const parsed = parseQuery('eql', text, { legacy });
        for (const d of parsed.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
        for (const s of parsed.stages) expect(text.includes(s.text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('legacy EQL leniency', () => {
  const legacy = (text: string) =>
    eqlLanguage.parse({
      source: { language: 'eql', text, start: { line: 1, column: 1, offset: 0 }, options: { legacy: true } },
      context: emptyContext(),
    });

  test('reads a trailing comma in a function call and space-separated pipe arguments', () => {
    const q = legacy(
      'network where wildcard(process_name, "a.exe", "b.exe",) | unique unique_pid destination_port',
    );
    expect(q.diagnostics).toEqual([]);
    expect(q.stages[0].predicates[0]).toMatchObject({
      field: 'process_name',
      op: 'wildcard',
      values: ['a.exe', 'b.exe'],
    });
    expect(q.stages.at(-1)?.text).toBe('unique unique_pid destination_port');
  });

  test('lowers match() and matchLite() to regex predicates', () => {
    const q = legacy(
      'process where match(command_line, ".*-enc.*") and matchLite(parent_process_name, "w.*")',
    );
    expect(q.stages[0].predicates.map((p) => [p.field, p.op, p.values[0]])).toEqual([
      ['command_line', 'regex', '.*-enc.*'],
      ['parent_process_name', 'regex', 'w.*'],
    ]);
  });
});
