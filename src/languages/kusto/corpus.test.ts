/** Real-corpus test: every Markdown hunting document of the shared KQL collection read and its queries parsed. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, filesUnder } from '../../../test/corpus.js';
import { kqlMarkdownReader } from '../../formats/kql/markdown.js';
import { scanMarkdown } from '../../formats/kql/fences.js';
import type { SourceFile } from '../../formats/format.js';
import { emptyContext } from '../language.js';
import { hasError } from '../../text/diagnostics.js';
import { kustoLanguage } from './index.js';

const root = corpusPath('kql');

describe.skipIf(!root)('KQL corpus', () => {
  it('reads at least 400 rules, parses 97% of them, and loses no document with a KQL fence, in under 2 s', () => {
    const files: SourceFile[] = filesUnder(root!, /\.md$/).map((path) => {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
      return { path: relative(root!, path), text, bytes: Buffer.byteLength(text), sourceName: 'kql' };
    });
    const started = performance.now();
    let rules = 0;
    let parsed = 0;
    const failures: string[] = [];
    const lost: string[] = [];
    for (const file of files) {
      const claim = kqlMarkdownReader.recognize(file);
      if (claim === undefined) {
        const fences = scanMarkdown(file.text).fences;
        const queryLike = (f: (typeof fences)[number]) =>
          /^(kql|kusto)/i.test(f.info) ||
          (f.info === '' && /^\s*\|\s*where\b/m.test(file.text.slice(f.contentStart, f.contentEnd)));
        if (fences.some(queryLike)) lost.push(file.path);
        continue;
      }
      const result = kqlMarkdownReader.read(file, claim);
      result.rules.forEach((rule, i) => {
        rules++;
        const query = kustoLanguage.parse({
          source: rule.query!,
          context: emptyContext(),
          prepared: result.prepared?.[i],
        });
        if (!hasError(query.diagnostics)) parsed++;
        else
          failures.push(
            `${rule.id}: ${query.diagnostics[0].line}:${query.diagnostics[0].column} ${query.diagnostics[0].message}`,
          );
      });
    }
    const ms = performance.now() - started;
    console.log(
      `KQL corpus: ${files.length} files, ${rules} rules, ${parsed} parsed (${((100 * parsed) / rules).toFixed(1)}%), ${ms.toFixed(0)} ms`,
    );
    if (process.env.KQL_FAILURES) console.log(failures.join('\n'));
    expect(lost).toEqual([]);
    expect(rules).toBeGreaterThanOrEqual(400);
    expect(parsed / rules).toBeGreaterThanOrEqual(0.97);
    expect(ms).toBeLessThan(2000);
  });
});
