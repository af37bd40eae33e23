/** The EQL language: Elasticsearch Event Query Language, and the original engine's semantics for eqllib (`legacy`). */
import type { Language, ParseInput } from '../language.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { ParsedQuery } from '../../model/stage.js';
import { diagnostic } from '../../text/diagnostics.js';
import { QueryLocator } from '../../text/locator.js';
import { lex } from './lexer.js';
import { parseTokens } from './parser.js';
import { lowerQuery } from './lower.js';

function parseEql({ source }: ParseInput): ParsedQuery {
  const locator = new QueryLocator(source);
  const legacy = source.options?.legacy === true;
  const { tokens, problems: lexProblems } = lex(source.text);
  const { query, problems } = parseTokens(tokens, legacy);
  const diagnostics: Diagnostic[] = [
    ...lexProblems.map((p) => diagnostic('error', p.message, locator.span(p.start, p.end), 'eql')),
    ...problems.map((p) => diagnostic(p.severity, p.message, locator.span(p.start, p.end), 'eql')),
  ].sort((a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0));
  const { stages, dataSources } = lowerQuery(query, source.text, locator, legacy);
  return { type: 'query', language: 'eql', stages, diagnostics, dataSources, unresolved: [] };
}

export const eqlLanguage: Language = {
  id: 'eql',
  name: 'EQL',
  parse: parseEql,
};
