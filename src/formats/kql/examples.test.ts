/** The KQL examples shipped in examples/kql: each is recognised by its reader and parses with no error. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesRoot } from '../../../test/corpus.js';
import { kustoLanguage } from '../../languages/kusto/index.js';
import { emptyContext } from '../../languages/language.js';
import type { FormatReader } from '../format.js';
import { sentinelReader } from '../sentinel/index.js';
import { kqlFileReader } from './file.js';
import { kqlMarkdownReader } from './markdown.js';
import { readAs } from '../registry.js';

const readers: FormatReader[] = [sentinelReader, kqlFileReader, kqlMarkdownReader];
const dir = join(examplesRoot, 'kql');

describe('examples/kql', () => {
  const names = readdirSync(dir);
  it('holds a Sentinel analytics rule and a Markdown document with two blocks', () => {
    expect(names.some((n) => n.endsWith('.yaml'))).toBe(true);
    expect(names.some((n) => n.endsWith('.md'))).toBe(true);
  });

  for (const name of names) {
    it(name, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const file = { path: `kql/${name}`, text, bytes: Buffer.byteLength(text), sourceName: 'examples' };
      const reader = readers.find((r) => r.recognize(file) !== undefined);
      expect(reader).toBeDefined();
      const result = readAs(reader!, file)!;
      expect(result.rules.length).toBeGreaterThan(0);
      if (name.endsWith('.md')) expect(result.rules).toHaveLength(2);
      result.rules.forEach((rule, i) => {
        const parsed = kustoLanguage.parse({
          source: rule.query!,
          context: emptyContext(),
          prepared: result.prepared?.[i],
        });
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.stages.some((s) => s.predicates.length > 0)).toBe(true);
      });
    });
  }
});
