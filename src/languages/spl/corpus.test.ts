/** Real-corpus test: every file of Splunk security_content read, macros first, then every detection parsed and timed. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { corpusPath, filesUnder } from '../../../test/corpus.js';
import { readerOf, recognize } from '../../formats/registry.js';
import { readFile } from '../../analysis/read-file.js';
import type { SourceFile } from '../../formats/format.js';
import type { RuleDocument } from '../../model/rule.js';
import type { MacroDefinition, SourceContext } from '../../model/artifact.js';
import type { ParsedQuery } from '../../model/stage.js';
import { splLanguage } from './index.js';

const root = corpusPath('splunk');

interface CorpusRun {
  rules: RuleDocument[];
  parsed: ParsedQuery[];
  context: SourceContext;
  skipped: number;
  ms: number;
}

/** Reads macros and data sources first (the ingest's order), then the detections, then parses them. */
function runCorpus(base: string): CorpusRun {
  const files: SourceFile[] = filesUnder(base).map((path) => {
    const text = readFileSync(path, 'utf8');
    return { path: relative(base, path), text, bytes: Buffer.byteLength(text), sourceName: 'splunk' };
  });
  const started = performance.now();
  const context: SourceContext = { macros: new Map(), dataSources: new Map() };
  const recognized = files.flatMap((file) => {
    const recognition = recognize(file);
    return recognition ? [{ file, recognition, artifactsOnly: readerOf(recognition).artifactsOnly }] : [];
  });
  const ordered = [
    ...recognized.filter((f) => f.artifactsOnly),
    ...recognized.filter((f) => !f.artifactsOnly),
  ];
  const rules: RuleDocument[] = [];
  for (const { file, recognition } of ordered) {
    const result = readFile(file, recognition);
    for (const a of result.artifacts) {
      if (a.type === 'macro')
        context.macros.set(
          a.name.includes('(') || a.args.length === 0 ? a.name : `${a.name}(${a.args.length})`,
          a as MacroDefinition,
        );
      else context.dataSources.set(a.name, a);
    }
    rules.push(...result.rules);
  }
  const parsed = rules.map((rule) => splLanguage.parse({ source: rule.query!, context }));
  return {
    rules,
    parsed,
    context,
    skipped: files.length - recognized.length,
    ms: performance.now() - started,
  };
}

describe.skipIf(!root)('Splunk security_content corpus', () => {
  // The body is collected even when skipped: read the corpus only when it is there.
  const run = root ? runCorpus(root) : ({ files: 0, rules: [], parsed: [] } as unknown as CorpusRun);

  it('parses at least 99% of detections with no error, well within time', () => {
    const failed = run.parsed.filter(
      (q, i) =>
        q.diagnostics.some((d) => d.severity === 'error') ||
        run.rules[i].diagnostics.some((d) => d.severity === 'error'),
    );
    const share = 1 - failed.length / run.parsed.length;
    console.log(
      `SPL corpus: ${run.rules.length} detections, ${run.context.macros.size} macros, ${run.context.dataSources.size} data sources, ${run.skipped} files skipped; parsed ${(share * 100).toFixed(2)}%; read + parse ${run.ms.toFixed(0)} ms`,
    );
    expect(run.rules.length).toBeGreaterThan(1500);
    expect(share).toBeGreaterThanOrEqual(0.99);
    for (const q of failed) for (const d of q.diagnostics) expect(d.line).toBeGreaterThan(0);
    // The bar is 2 s on an idle 2-core machine; the bound is generous for a loaded CI runner.
    expect(run.ms).toBeLessThan(8000);
  });

  it('expands every macro the corpus defines and counts the ones it does not', () => {
    const counts = new Map<string, number>();
    for (const q of run.parsed)
      for (const name of q.unresolved) counts.set(name, (counts.get(name) ?? 0) + 1);
    const defined = [...counts.keys()].filter((k) => run.context.macros.has(k));
    expect(defined).toEqual([]);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    console.log(
      `Unresolved macro references: ${total} (${counts.size} names); most common: ${top.map(([k, n]) => `${k} ${n}`).join(', ')}`,
    );
  });

  it('shows the predicates `process_bitsadmin` defines in a detection that uses it', () => {
    const i = run.rules.findIndex((r) => r.file.path.endsWith('bitsadmin_download_file.yml'));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(run.rules[i].query?.text).toContain('`process_bitsadmin`');
    const tstats = run.parsed[i].stages[0];
    expect(tstats.kind).toBe('tstats');
    const shown = tstats.predicates.map((p) => `${p.field} ${p.op} ${p.values.join(',')}`);
    expect(shown).toContain('Processes.process_name eq bitsadmin.exe');
    expect(shown).toContain('Processes.original_file_name eq bitsadmin.exe');
    expect(tstats.predicates[0].scope).toBe('Endpoint.Processes');
  });
});
