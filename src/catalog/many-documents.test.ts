/** A Sigma file of many documents is read and analysed in time linear in its length, one rule per document. */
import { unpackJson } from './packed-json.js';
import { describe, expect, it } from 'vitest';
import { recognize } from '../formats/registry.js';
import type { SourceFile } from '../formats/format.js';
import { emptyContext } from '../languages/language.js';
import { processFile } from './process-file.js';

function manyRules(count: number): SourceFile {
  const docs = Array.from(
    { length: count },
    (_, i) =>
      `title: Rule ${i}\nid: rule-${i}\nlogsource:\n  product: windows\n` +
      `detection:\n  sel:\n    Image|endswith: '\\tool${i}.exe'\n  condition: sel\n`,
  );
  const text = docs.join('---\n');
  return { path: 'many.yml', text, bytes: text.length, sourceName: 'test' };
}

describe('a Sigma file of 20,000 documents', () => {
  it('becomes 20,000 parsed rules, each at its own document, in bounded time', () => {
    const file = manyRules(20_000);
    const started = performance.now();
    const outcome = processFile({ file, recognition: recognize(file)! }, emptyContext());
    const elapsed = performance.now() - started;
    expect(outcome.rules).toHaveLength(20_000);
    const last = outcome.rules[19_999];
    expect(last.ruleId).toBe('rule-19999');
    expect(last.parsed).toBe(true);
    // Each document is 8 lines and its separator one: the last rule's text starts at its own `---`.
    expect(unpackJson<{ rawStart: { line: number } }>(last.document).rawStart.line).toBe(19_999 * 9);
    // Quadratic work took 18 s for 8,000 documents; linear work takes a few seconds even on a loaded machine.
    expect(elapsed).toBeLessThan(60_000);
  }, 180_000);
});
