/** Turns a rule document into everything the catalog keeps of it: parsed query, indicators, log events. */
import { qualifyEventIds } from './event-id-indicators.js';
import type { SourceContext } from '../model/artifact.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Indicator } from '../model/indicator.js';
import type { ParsedQuery } from '../model/stage.js';
import type { RuleDocument } from '../model/rule.js';
import type { PreparedQuery } from '../languages/prepared.js';
import { eventsForRule, type EventRef } from '../knowledge/events/index.js';
import { indicatorsOf } from './indicators.js';
import { parseRule } from './parse-rule.js';

export interface AnalyzedRule {
  rule: RuleDocument;
  query: ParsedQuery | null;
  indicators: Indicator[];
  events: EventRef[];
  /** Reader and parser diagnostics together, in file order. */
  diagnostics: Diagnostic[];
  /** No error diagnostic. */
  parsed: boolean;
}

export function analyzeRule(
  rule: RuleDocument,
  context: SourceContext,
  prepared?: PreparedQuery,
): AnalyzedRule {
  const { query } = parseRule(rule, context, prepared);
  const diagnostics = [...rule.diagnostics, ...(query?.diagnostics ?? [])].sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
  const predicates = query ? query.stages.flatMap((s) => s.predicates) : [];
  const terms = query ? query.stages.flatMap((s) => s.terms) : [];
  const events = eventsForRule({
    context: rule.context,
    dataSources: query?.dataSources ?? [],
    predicates,
    terms,
  });
  return {
    rule,
    query,
    indicators: query ? qualifyEventIds(indicatorsOf(query), events) : [],
    events,
    diagnostics,
    parsed: !diagnostics.some((d) => d.severity === 'error'),
  };
}
