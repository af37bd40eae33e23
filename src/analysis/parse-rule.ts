/** Runs a rule document's query through its language's parser. */
import type { SourceContext } from '../model/artifact.js';
import type { ParsedRule, RuleDocument } from '../model/rule.js';
import type { PreparedQuery } from '../languages/prepared.js';
import { languages } from '../languages/registry.js';
import { applyRuleKind } from '../formats/elastic/rule-kind.js';

/** `prepared` is what the rule's reader already parsed of its query, if anything (see `ReadResult.prepared`). */
export function parseRule(rule: RuleDocument, context: SourceContext, prepared?: PreparedQuery): ParsedRule {
  if (!rule.query) return { rule, query: null };
  const query = languages[rule.query.language].parse({ source: rule.query, context, prepared });
  // A rule's format may say more than its query: an Elastic rule's type (threshold, indicator match, ...).
  return { rule, query: rule.format === 'elastic-rule' ? applyRuleKind(rule, query) : query };
}
