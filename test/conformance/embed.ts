/** A query embedded as a value in a YAML and in a TOML file, located the way the readers locate theirs. */
import { parseDocument, isScalar } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { expect } from 'vitest';
import type { LanguageId } from '../../src/model/ids.js';
import type { QuerySource } from '../../src/model/rule.js';
import type { Position } from '../../src/model/span.js';
import type { ParsedQuery } from '../../src/model/stage.js';
import { FileLocator, locateLines } from '../../src/text/locator.js';

export interface Embedding {
  fileText: string;
  source: QuerySource;
  /** How far the query's own positions move in the file: lines down, columns right. */
  lines: number;
  columns: number;
}

/** The query as a YAML block scalar (`query: |`), or why YAML cannot hold it as written. */
export function embedInYaml(language: LanguageId, text: string): Embedding | string {
  const trailing = /\n*$/.exec(text)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing ? text.slice(0, -1) : text;
  const fileText = `title: embedded\nquery: |2${chomp}\n${body
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;
  const doc = parseDocument(fileText);
  const node = doc.get('query', true);
  if (doc.errors.length || !isScalar(node) || node.value !== text || !node.range)
    return 'YAML holds this text differently (tabs, trailing blanks or control characters)';
  const lineStarts = locateLines(fileText, node.range[0], node.range[1], text);
  const source = { language, text, start: lineStarts[0], lineStarts };
  return { fileText, source, lines: 2, columns: 2 };
}

/** The query as a TOML multi-line literal string (`query = '''`), or why TOML cannot hold it as written. */
export function embedInToml(language: LanguageId, text: string): Embedding | string {
  const fileText = `title = "embedded"\nquery = '''\n${text}'''\n`;
  let value: unknown;
  try {
    value = parseToml(fileText).query;
  } catch {
    value = undefined;
  }
  if (value !== text) return "TOML holds this text differently (it has ''' or control characters)";
  const start = new FileLocator(fileText).position(fileText.indexOf("'''\n") + 4);
  return { fileText, source: { language, text, start }, lines: 2, columns: 0 };
}

/** Every stage and predicate of the embedded parse sits where the bare parse has it, moved by the embedding. */
export function expectMovedBy(embedding: Embedding, bare: ParsedQuery, embedded: ParsedQuery): void {
  const summary = (q: ParsedQuery): string[] =>
    q.stages.flatMap((s) => [s.kind, ...s.predicates.map((p) => `${p.field} ${p.op} ${p.values.join(',')}`)]);
  expect(summary(embedded)).toEqual(summary(bare));
  const pairs: Array<[Position, Position]> = [];
  bare.stages.forEach((s, i) => {
    const e = embedded.stages[i];
    if (s.span && e.span) pairs.push([s.span.start, e.span.start], [s.span.end, e.span.end]);
    s.predicates.forEach((p, j) => {
      const ep = e.predicates[j].span;
      if (p.span && ep) pairs.push([p.span.start, ep.start]);
    });
  });
  // Positions on a blank line (the end of a query that ends with a line break) have no indentation to move by.
  const lines = embedding.source.text.split('\n');
  const blank = (p: Position): boolean => (lines[p.line - 1] ?? '') === '';
  const where = (line: number, column: number, b: Position): string => `${line}:${blank(b) ? '-' : column}`;
  expect(pairs.map(([, e], i) => where(e.line, e.column, pairs[i][0]))).toEqual(
    pairs.map(([b]) => where(b.line + embedding.lines, b.column + embedding.columns, b)),
  );
}
