/** Reads and analyses one file on its own, with no catalog: what `explain` reports and linters run. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { SourceArtifact } from '../model/artifact.js';
import type { LanguageId } from '../model/ids.js';
import type { SourceFile } from '../formats/format.js';
import { ruleDocument } from '../formats/document.js';
import { recognize } from '../formats/registry.js';
import { decodeText } from '../sources/decode.js';
import { readFile } from './read-file.js';
import { analyzeRule, type AnalyzedRule } from './analyze.js';
import { contextFrom } from './source-context.js';

export interface ExplainOptions {
  /** Treat the whole file as one query in this language, whatever its format. */
  language?: LanguageId;
  /** Macros and data sources from elsewhere in the rule's source. */
  artifacts?: SourceArtifact[];
}

export interface Explained {
  recognized: boolean;
  rules: AnalyzedRule[];
}

export function explainFile(file: SourceFile, options: ExplainOptions = {}): Explained {
  if (options.language) {
    const rule = ruleDocument(file, 'query', 'Query', {
      language: options.language,
      query: { language: options.language, text: file.text, start: { line: 1, column: 1, offset: 0 } },
    });
    return { recognized: true, rules: [analyzeRule(rule, contextFrom(options.artifacts ?? []))] };
  }
  const recognition = recognize(file);
  const result = readFile(file, recognition);
  const context = contextFrom([...(options.artifacts ?? []), ...result.artifacts]);
  return {
    recognized: recognition !== undefined,
    rules: result.rules.map((r, i) => analyzeRule(r, context, result.prepared?.[i])),
  };
}

/** A file on disk as a source file to explain (its folder's name as the source), or why it cannot be one. */
export function fileToExplain(path: string): SourceFile | { problem: string } {
  if (!existsSync(path) || !statSync(path).isFile()) return { problem: `No such file: ${path}` };
  const bytes = readFileSync(path);
  const decoded = decodeText(bytes);
  if (decoded.kind !== 'text') return { problem: `${path} is not a text file` };
  return {
    path: basename(path),
    text: decoded.text,
    bytes: bytes.length,
    sourceName: basename(dirname(resolve(path))),
  };
}
