/**
 * Every parser bounds its nesting (kit/depth.ts): 100,000 nested parentheses give one `<language>/too-deep`
 * error where the nesting goes too far, never a stack overflow caught at the parser boundary.
 */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../test/parse.js';
import type { LanguageId } from '../model/ids.js';

const N = 100_000;
const open = '('.repeat(N);
const close = ')'.repeat(N);

const CASES: Array<[string, LanguageId, string]> = [
  [
    'Sigma condition',
    'sigma',
    `title: t\nlogsource:\n  product: w\ndetection:\n  sel:\n    a: 1\n  condition: ${open}sel${close}\n`,
  ],
  [
    'Sigma condition of nots',
    'sigma',
    `title: t\nlogsource:\n  product: w\ndetection:\n  sel:\n    a: 1\n  condition: ${'not '.repeat(N)}sel\n`,
  ],
  ['SPL search', 'spl', `index=a ${open}x=1${close}`],
  ['SPL eval', 'spl', `index=a | eval y=${'f('.repeat(N)}1${close}`],
  ['SPL where of nots', 'spl', `index=a | where ${'NOT '.repeat(N)}x`],
  ['SPL subsearch', 'spl', `index=a ${'[search '.repeat(N)}x${']'.repeat(N)}`],
  ['EQL', 'eql', `process where ${open}a == 1${close}`],
  [
    'EQL sub-queries',
    'eql',
    `process where descendant of ${'[process where descendant of '.repeat(N)}[process where true]${']'.repeat(N)}`,
  ],
  ['kuery', 'kuery', `${open}a:1${close}`],
  ['Lucene', 'lucene', `${open}a:1${close}`],
  ['ES|QL', 'esql', `FROM x | WHERE ${open}a == 1${close}`],
  ['Kusto', 'kusto', `T | where ${open}a == 1${close}`],
  ['YARA-L', 'yaral', `rule r { events: ${open}$e.a = 1${close} condition: $e }`],
];

describe('100,000 nested parentheses', () => {
  it.each(CASES)(
    '%s: one too-deep error inside the nesting, no internal error',
    (_name, language, text) => {
      const q = parseQuery(language, text);
      const deep = q.diagnostics.filter((d) => d.code === `${language}/too-deep`);
      expect(deep).toHaveLength(1);
      expect(deep[0].message).toMatch(
        /^Query nests too deeply at ".+", expected at most 256 levels of nesting$/,
      );
      // Placed where the nesting passes the bound, not at the start of the query as a caught overflow would be.
      expect(deep[0].column).toBeGreaterThan(100);
      expect(q.diagnostics.some((d) => d.code?.endsWith('/internal-error'))).toBe(false);
    },
    60_000,
  );
});
