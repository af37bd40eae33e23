/** Runs a rule document's query through its language's parser. */
import type { SourceContext } from '../model/artifact.js';
import type { ParsedRule, RuleDocument } from '../model/rule.js';
import type { PreparedQuery } from '../languages/prepared.js';
import { languages } from '../languages/registry.js';

/** `prepared` is what the rule's reader already parsed of its query, if anything (see `ReadResult.prepared`). */
export function parseRule(rule: RuleDocument, context: SourceContext, prepared?: PreparedQuery): ParsedRule {
  if (!rule.query) return { rule, query: null };
  return { rule, query: languages[rule.query.language].parse({ source: rule.query, context, prepared }) };
}
