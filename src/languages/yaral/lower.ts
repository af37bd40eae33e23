/**
 * Lowers a YARA-L rule to stages: one per section after `meta`, and after the events section one stage per
 * event variable (its predicates and logic, `parent` the events stage); the match and condition sections
 * give the query's logic (see correlation.ts).
 */
import { sourceStage } from '../stage.js';
import { lookupTable } from '../../text/lookup.js';
import type { DataSourceRef, Logic, Stage } from '../../model/stage.js';
import type { Predicate } from '../../model/predicate.js';
import type { Locator } from '../../text/locator.js';
import type { RuleNode, Section } from './ast.js';
import { lowerEvents, type EventsLowering } from './events.js';
import { correlate } from './correlation.js';

/** UDM fields that name what a rule reads from, and the data-source kind each gives. */
const SOURCE_FIELDS: Readonly<Record<string, DataSourceRef['kind']>> = lookupTable({
  'metadata.event_type': 'event_type',
  'metadata.log_type': 'logsource',
  'metadata.product_name': 'logsource',
});

export interface LoweredRule {
  stages: Stage[];
  logic?: Logic;
}

export function lowerRule(rule: RuleNode, text: string, locator: Locator): LoweredRule {
  const stages: Stage[] = [];
  const variableStages = new Map<string, Stage>();
  let events: { lowering: EventsLowering; stage: Stage } | undefined;
  const sectionStage = (section: Section): Stage => {
    const stage = sourceStage({
      index: stages.length,
      kind: section.name,
      text,
      locator,
      start: section.start,
      end: section.end,
    });
    stages.push(stage);
    return stage;
  };
  for (const section of rule.sections) {
    if (section.name === 'meta') continue;
    const stage = sectionStage(section);
    if (section.name !== 'events' || events) continue;
    const lowering = lowerEvents(section.statements, text, locator);
    events = { lowering, stage };
    if (lowering.problems.length) stage.notEvaluable = lowering.problems.join('; ');
    for (const v of lowering.variables) {
      const child = sourceStage({
        index: stages.length,
        kind: 'event',
        name: v.name,
        text,
        locator,
        start: section.start,
        end: section.end,
        parent: stage.index,
      });
      child.predicates = v.predicates;
      child.logic = v.logic;
      if (v.problems.length) child.notEvaluable = v.problems.join('; ');
      variableStages.set(v.name, child);
      stages.push(child);
    }
  }
  const condition = rule.sections.find((s) => s.name === 'condition');
  const conditionStage = stages.find((s) => s.kind === 'condition');
  if (!events || !condition || !conditionStage) return { stages };
  const logic = correlate({
    events: events.lowering,
    variableStages,
    eventsStage: events.stage,
    conditionStage,
    match: rule.sections.find((s) => s.name === 'match')?.match ?? null,
    condition: condition.statements,
    outcome: rule.sections.find((s) => s.name === 'outcome')?.statements ?? [],
    text,
    locator,
  });
  return logic ? { stages, logic } : { stages };
}

/**
 * Event types and log sources the rule must read: per event variable, what its logic requires (an `or`
 * requires a type only when each branch does); none when a variable may be any event.
 */
export function dataSources(stages: Stage[]): DataSourceRef[] {
  const variables = stages.filter((s) => s.kind === 'event');
  const found: DataSourceRef[] = [];
  const seen = new Set<string>();
  for (const stage of variables) {
    const required = stage.logic ? requiredSources(stage.logic, stage.predicates) : [];
    for (const ref of required) {
      const key = `${ref.kind}:${ref.value}`;
      if (!seen.has(key)) {
        seen.add(key);
        found.push(ref);
      }
    }
  }
  return found;
}

/** The sources one of which an event matching `logic` must come from; empty when it may come from any. */
function requiredSources(logic: Logic, predicates: Predicate[]): DataSourceRef[] {
  switch (logic.type) {
    case 'predicate': {
      const p = predicates[logic.index];
      const kind = p.field === null ? undefined : SOURCE_FIELDS[p.field];
      if (!kind || p.op !== 'eq' || p.valueKind) return [];
      return p.values.map((value) => ({ type: 'datasource', kind, value }));
    }
    case 'and':
      return logic.operands.flatMap((o) => requiredSources(o, predicates));
    case 'or': {
      const branches = logic.operands.map((o) => requiredSources(o, predicates));
      return branches.every((b) => b.length) ? branches.flat() : [];
    }
    default:
      return [];
  }
}
