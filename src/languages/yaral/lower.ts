/** Lowers a YARA-L rule to stages, one per section after `meta`, with the events section's predicates and data sources. */
import { sourceStage } from '../stage.js';
import { lookupTable } from '../../text/lookup.js';
import type { DataSourceRef, Stage } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import type { RuleNode } from './ast.js';
import { eventPredicates } from './predicates.js';

/** UDM fields that name what a rule reads from, and the data-source kind each gives. */
const SOURCE_FIELDS: Readonly<Record<string, DataSourceRef['kind']>> = lookupTable({
  'metadata.event_type': 'event_type',
  'metadata.log_type': 'logsource',
  'metadata.product_name': 'logsource',
});

export function lowerRule(rule: RuleNode, text: string, locator: Locator): Stage[] {
  const stages: Stage[] = [];
  for (const section of rule.sections) {
    if (section.name === 'meta') continue;
    const stage = sourceStage({
      index: stages.length,
      kind: section.name,
      text,
      locator,
      start: section.start,
      end: section.end,
    });
    if (section.name === 'events') stage.predicates = eventPredicates(section.statements, text, locator);
    stages.push(stage);
  }
  return stages;
}

/** Event types and log sources the events section asks for (positive equality only; lists are not values). */
export function dataSources(stages: Stage[]): DataSourceRef[] {
  const found: DataSourceRef[] = [];
  const seen = new Set<string>();
  for (const p of stages.flatMap((s) => s.predicates)) {
    const kind = p.field === null ? undefined : SOURCE_FIELDS[p.field];
    if (!kind || p.negated || p.op !== 'eq') continue;
    for (const value of p.values) {
      const key = `${kind}:${value}`;
      if (value.startsWith('%') || seen.has(key)) continue;
      seen.add(key);
      found.push({ type: 'datasource', kind, value });
    }
  }
  return found;
}
