/** Golden fixtures parsed as the conformance suite reads them: bare queries, or whole files through their format. */
import type { Diagnostic } from '../../src/model/diagnostic.js';
import type { LanguageId } from '../../src/model/ids.js';
import type { QuerySource, RuleDocument } from '../../src/model/rule.js';
import type { ParsedQuery } from '../../src/model/stage.js';
import type { Position } from '../../src/model/span.js';
import { languages } from '../../src/languages/registry.js';
import { readAs } from '../../src/formats/registry.js';
import { projectQuery } from '../project.js';
import { goldenSetup } from './setups.js';

export interface ParsedFixture {
  /** The text every span refers to: the fixture itself, or the file a query was embedded in. */
  fileText: string;
  queries: ParsedQuery[];
  /** The reader's diagnostics, where a format read the fixture; the parsers' are in `queries`. */
  readerDiagnostics: Diagnostic[];
  /** What the golden file holds. */
  projection: unknown;
}

const at = (p: Position): string => `${p.line}:${p.column}`;

export function bareSource(language: LanguageId, text: string): QuerySource {
  return { language, text, start: { line: 1, column: 1, offset: 0 } };
}

/** Parses one query of a golden case, with the options and context its language's setup gives it. */
export function parseSource(language: LanguageId, name: string, source: QuerySource): ParsedQuery {
  const setup = goldenSetup(language);
  const options = setup.options(name);
  return languages[language].parse({
    source: options ? { ...source, options } : source,
    context: setup.context(),
  });
}

/** A language's golden case as its golden file records it. */
export function parseLanguageFixture(language: LanguageId, name: string, text: string): ParsedFixture {
  const reader = goldenSetup(language).reader;
  if (!reader) {
    const query = parseSource(language, name, bareSource(language, text));
    return { fileText: text, queries: [query], readerDiagnostics: [], projection: projectQuery(query) };
  }
  const file = { path: `golden/${name}.yml`, text, bytes: Buffer.byteLength(text), sourceName: 'golden' };
  const result = readAs(reader, file);
  if (!result) throw new Error(`${reader.id} does not take the golden case ${name}`);
  const queries: ParsedQuery[] = [];
  const projected = result.rules.map((rule, i) => {
    const query = rule.query
      ? languages[rule.query.language].parse({
          source: rule.query,
          context: goldenSetup(language).context(),
          prepared: result.prepared?.[i],
        })
      : null;
    if (query) queries.push(query);
    const readerDiagnostics = rule.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`);
    return {
      id: rule.id,
      ...(query ? projectQuery(query) : {}),
      ...(readerDiagnostics.length ? { readerDiagnostics } : {}),
    };
  });
  return {
    fileText: text,
    queries,
    readerDiagnostics: result.rules.flatMap((r) => r.diagnostics),
    projection: projected.length === 1 ? projected[0] : projected,
  };
}

/** What a reviewer checks in a rule a format read: its fields, where its query sits, and the parse of it. */
export function projectRule(rule: RuleDocument, parsed: ParsedQuery | null): Record<string, unknown> {
  const { raw: _raw, rawStart: _rawStart, source: _source, query, diagnostics, ...fields } = rule;
  return {
    ...fields,
    query: query && {
      language: query.language,
      at: at(query.start),
      ...(query.lineStarts ? { lineStarts: query.lineStarts.map(at) } : {}),
      ...(query.options ? { options: query.options } : {}),
      text: query.text,
    },
    diagnostics: diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`),
    parsed: parsed && projectQuery(parsed),
  };
}
