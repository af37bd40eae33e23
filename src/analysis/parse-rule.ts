/** Runs a rule document's query through its language's parser, guarding the boundary. */
import type { SourceContext } from '../model/artifact.js';
import type { ParsedRule, RuleDocument } from '../model/rule.js';
import type { ParsedQuery } from '../model/stage.js';
import { languages } from '../languages/registry.js';
import { diagnostic } from '../text/diagnostics.js';

export function parseRule(rule: RuleDocument, context: SourceContext, prepared?: unknown): ParsedRule {
  if (!rule.query) return { rule, query: null };
  return { rule, query: parseQuerySafely(rule, context, prepared) };
}

/** A parser that throws has a bug; the rule still comes through, with the bug as its diagnostic. */
function parseQuerySafely(rule: RuleDocument, context: SourceContext, prepared: unknown): ParsedQuery {
  const source = rule.query!;
  try {
    return languages[source.language].parse({ source, context, prepared });
  } catch (err) {
    return {
      type: 'query',
      language: source.language,
      stages: [],
      diagnostics: [diagnostic('error', `Internal parser error: ${(err as Error).message}`, source.start, source.language)],
      dataSources: [],
      unresolved: [],
    };
  }
}
