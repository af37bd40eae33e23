/** The EQL language: Elasticsearch Event Query Language, and the original engine's semantics for eqllib (`legacy`). */
import { defineLanguage, words } from '../kit/define.js';
import type { ParseInput } from '../language.js';
import type { ParsedQuery } from '../../model/stage.js';
import { QueryLocator } from '../../text/locator.js';
import { problemDiagnostics } from '../kit/problem.js';
import { lex } from './lexer.js';
import { parseTokens } from './parser.js';
import { lowerQuery } from './lower.js';
import { emitEql } from './emit.js';

function parseEql({ source }: ParseInput): ParsedQuery {
  const locator = new QueryLocator(source);
  const legacy = source.options?.legacy === true;
  const { tokens, problems: lexProblems } = lex(source.text);
  const { query, problems } = parseTokens(tokens, legacy);
  const diagnostics = problemDiagnostics([...lexProblems, ...problems], locator, 'eql').sort(
    (a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0),
  );
  const { stages, dataSources } = lowerQuery(query, source.text, locator, legacy);
  return { type: 'query', language: 'eql', stages, diagnostics, dataSources, unresolved: [] };
}

export const eqlLanguage = defineLanguage({
  emit: emitEql,
  id: 'eql',
  label: 'EQL',
  highlight: {
    keywords:
      words(`where and or not sequence by with maxspan sample until in any of true false null runs join head
      tail filter unique count process file network registry library dns`),
    lineComment: '//',
    blockComment: true,
  },
  parse: parseEql,
});
