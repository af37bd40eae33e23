/** Runs a rule document's query through its language's parser. */
import type { SourceContext } from '../model/artifact.js';
import type { ParsedRule, RuleDocument } from '../model/rule.js';
import { languages } from '../languages/registry.js';

export function parseRule(rule: RuleDocument, context: SourceContext, prepared?: unknown): ParsedRule {
  if (!rule.query) return { rule, query: null };
  return { rule, query: languages[rule.query.language].parse({ source: rule.query, context, prepared }) };
}
