/** Parse-only timing of one corpus: read every file and parse every rule, no catalog. */
import { processFile, type RecognizedFile } from '../catalog/process-file.js';
import { contextFrom } from '../analysis/source-context.js';
import { walkSource } from '../sources/walk.js';
import { readSourceText } from '../sources/decode.js';
import { readerOf, recognize } from '../formats/registry.js';
import type { SourceArtifact } from '../model/artifact.js';

export interface CorpusParse {
  files: number;
  rules: number;
  parsed: number;
  ms: number;
  byLanguage: Record<string, { rules: number; parsed: number }>;
}

export function parseCorpus(root: string): CorpusParse {
  const started = performance.now();
  let files = 0;
  const recognized = walkSource(root).flatMap((e): RecognizedFile[] => {
    const read = readSourceText(e.absPath, e.bytes);
    if (read.kind !== 'text') return [];
    files++;
    const file = { path: e.path, text: read.text, bytes: e.bytes, sourceName: 'bench' };
    const recognition = recognize(file);
    return recognition ? [{ file, recognition }] : [];
  });
  const artifacts: SourceArtifact[] = [];
  const rest = recognized.filter((f) => {
    if (!readerOf(f.recognition).artifactsOnly) return true;
    artifacts.push(...processFile(f, contextFrom([])).artifacts);
    return false;
  });
  const context = contextFrom(artifacts);
  const out: CorpusParse = { files, rules: 0, parsed: 0, ms: 0, byLanguage: {} };
  for (const f of rest) {
    for (const r of processFile(f, context).rules) {
      const lang = (out.byLanguage[r.language ?? 'none'] ??= { rules: 0, parsed: 0 });
      lang.rules++;
      out.rules++;
      if (r.parsed) {
        lang.parsed++;
        out.parsed++;
      }
    }
  }
  out.ms = performance.now() - started;
  return out;
}
