/** A parsed rule compiled once into what the engine runs: its event test, its logsource, its aggregate. */
import type { ParsedRule } from '../model/rule.js';
import type { Aggregation, Logic, Measure, ParsedQuery, Stage } from '../model/stage.js';
import type { FieldAccess, FieldTable } from './fields.js';
import { compileLogic, unreferencedStages, type CompiledLogic, type StageResolvers } from './logic.js';
import { ruleLogsource, type LogsourceScope } from './logsource.js';
import { NotEvaluable } from './not-evaluable.js';
import { pipelineSplit, refuseUnevaluable, stageResolvers, type PipelineSplit } from './pipeline.js';
import { rowTest, type RowTest } from './aggregate-rows.js';
import { sequenceRoot, compileSequence } from './compile-sequence.js';

/** A rule as hunt results name it. */
export interface RuleRef {
  ruleId: string;
  title: string;
  language: string;
  source: string;
  path: string;
  /** Sigma `name`, which correlation rules may refer to. */
  name?: string;
  techniques: string[];
}

/** Counting over matches: the stage's aggregate and the test of its threshold on a number. */
export interface CompiledAggregate {
  spec: Aggregation;
  stage: Stage;
  threshold: (value: number) => boolean;
  /** Pipelines: what each matching event contributes to its group's row, and the test of a row. */
  rows?: CompiledRows;
}

export interface CompiledRows {
  groupBy: FieldAccess[];
  measures: Measure[];
  /** The field each measure reads, aligned with `measures`. */
  measureFields: Array<FieldAccess | undefined>;
  test: RowTest;
}

/** One step of a sequence or join: its event test and the keys its events must share with the other steps. */
export interface CompiledStep {
  test: CompiledLogic['test'];
  keys: FieldAccess[];
  /** The step's position; -1 for `until`, whose match cancels what is pending for its keys. */
  position: number;
}

export interface CompiledRule {
  ref: RuleRef;
  logsource: LogsourceScope;
  /** The per-event test; null for a correlation, whose events are other rules' matches. */
  match: CompiledLogic | null;
  aggregate?: CompiledAggregate;
  /** Sequences and joins: the steps a matching event is sorted into. */
  steps?: CompiledStep[];
}

export type CompileResult = { rule: CompiledRule } | { ruleId: string; reason: string };

const AGGREGATE_FUNCTIONS = new Set([
  'count',
  'min',
  'max',
  'avg',
  'sum',
  'event_count',
  'value_count',
  'value_sum',
  'value_avg',
  'temporal',
  'temporal_ordered',
]);

export function ruleRef(parsed: ParsedRule): RuleRef {
  const { rule } = parsed;
  const ref: RuleRef = {
    ruleId: rule.id,
    title: rule.title,
    language: rule.language ?? 'none',
    source: rule.source.name,
    path: rule.source.path,
    techniques: rule.attack.techniques,
  };
  if (typeof rule.metadata.name === 'string') ref.name = rule.metadata.name;
  return ref;
}

function thresholdTest(stage: Stage, logic: Logic): (value: number) => boolean {
  const leaf = (index: number): ((v: number) => boolean) => {
    const p = stage.predicates[index];
    const limit = Number(p?.values[0]);
    if (!p || Number.isNaN(limit)) throw new NotEvaluable(`threshold ${p?.values[0] ?? '?'} is not a number`);
    switch (p.op) {
      case 'gt':
        return (v) => v > limit;
      case 'gte':
        return (v) => v >= limit;
      case 'lt':
        return (v) => v < limit;
      case 'lte':
        return (v) => v <= limit;
      case 'eq':
        return (v) => v === limit;
      default:
        throw new NotEvaluable(`threshold operator ${p.op}`);
    }
  };
  const build = (node: Logic): ((v: number) => boolean) => {
    switch (node.type) {
      case 'predicate':
        return leaf(node.index);
      case 'not': {
        const inner = build(node.operand);
        return (v) => !inner(v);
      }
      case 'and':
      case 'or': {
        const parts = node.operands.map(build);
        return node.type === 'and' ? (v) => parts.every((p) => p(v)) : (v) => parts.some((p) => p(v));
      }
      case 'true':
        return () => true;
      case 'false':
        return () => false;
      default:
        throw new NotEvaluable(`a threshold refers to a ${node.type}`);
    }
  };
  return build(logic);
}

/** The stage the query's logic is when that stage aggregates (`condition: sel | count() > 5`, a correlation). */
function aggregatingRoot(query: ParsedQuery, root: Logic): Stage | undefined {
  const target =
    root.type === 'stage'
      ? root
      : root.type === 'and' && root.operands.length === 1 && root.operands[0].type === 'stage'
        ? root.operands[0]
        : undefined;
  const stage = target?.type === 'stage' ? query.stages[target.index] : undefined;
  return stage?.aggregation ? stage : undefined;
}

function aggregateOf(stage: Stage): CompiledAggregate {
  const spec = stage.aggregation!;
  if (!AGGREGATE_FUNCTIONS.has(spec.function))
    throw new NotEvaluable(`aggregation ${spec.function} is not evaluable`);
  return { spec, stage, threshold: thresholdTest(stage, spec.threshold) };
}

const MEASURE_FUNCTIONS = new Set([
  ...AGGREGATE_FUNCTIONS,
  'dc',
  'distinct_count',
  'values',
  'first',
  'last',
]);

/** A pipeline whose aggregating stage computes named columns, filtered by the stages after it. */
function compilePipeline(
  query: ParsedQuery,
  split: PipelineSplit,
  fields: FieldTable,
  resolverOf: StageResolvers,
): { match: CompiledLogic; aggregate: CompiledAggregate } {
  const events: Logic = {
    type: 'and',
    operands: split.before.map((s): Logic => ({ type: 'stage', index: s.index })),
  };
  const { aggregating } = split;
  const spec = aggregating.aggregation!;
  const measures = spec.measures!;
  const unknown = measures.find((m) => !MEASURE_FUNCTIONS.has(m.function));
  if (unknown) throw new NotEvaluable(`aggregate function ${unknown.function} is not evaluable`);
  const resolver = resolverOf(aggregating);
  const rows: CompiledRows = {
    groupBy: spec.groupBy.map((g) => resolver.access(g, query.language)),
    measures,
    measureFields: measures.map((m) => (m.field ? resolver.access(m.field, query.language) : undefined)),
    test: rowTest(query, split.after, resolverOf),
  };
  return {
    match: compileLogic(query, events, resolverOf),
    aggregate: { spec, stage: aggregating, threshold: () => true, rows },
  };
}

function compileQuery(parsed: ParsedRule, query: ParsedQuery, fields: FieldTable): CompiledRule {
  const error = query.diagnostics.find((d) => d.severity === 'error');
  if (error)
    throw new NotEvaluable(`the query does not parse: ${error.message} (${error.line}:${error.column})`);
  refuseUnevaluable(query);
  const resolverOf = stageResolvers(query, fields);
  const split = query.logic ? undefined : pipelineSplit(query);
  if (split)
    return {
      ref: ruleRef(parsed),
      logsource: ruleLogsource(parsed),
      ...compilePipeline(query, split, fields, resolverOf),
    };
  const sequence = query.logic ? undefined : sequenceRoot(query);
  if (sequence)
    return {
      ref: ruleRef(parsed),
      logsource: ruleLogsource(parsed),
      ...compileSequence(query, sequence, resolverOf),
    };
  const root = query.logic ?? unreferencedStages(query.stages);
  const aggregating = aggregatingRoot(query, root);
  const ref = ruleRef(parsed);
  if (aggregating?.aggregation?.rules) {
    if (aggregating.aggregation.rules.length === 0) throw new NotEvaluable('the correlation names no rules');
    return { ref, logsource: { keys: null, written: '' }, match: null, aggregate: aggregateOf(aggregating) };
  }
  const logsource = ruleLogsource(parsed);
  if (aggregating) {
    const logic = aggregating.logic ?? { type: 'true' };
    return {
      ref,
      logsource,
      match: compileLogic(query, logic, resolverOf, aggregating),
      aggregate: aggregateOf(aggregating),
    };
  }
  return { ref, logsource, match: compileLogic(query, root, resolverOf) };
}

export function compileRule(parsed: ParsedRule, fields: FieldTable): CompileResult {
  try {
    if (!parsed.query) throw new NotEvaluable('the rule has no query');
    return { rule: compileQuery(parsed, parsed.query, fields) };
  } catch (err) {
    if (err instanceof NotEvaluable) return { ruleId: parsed.rule.id, reason: err.message };
    throw err;
  }
}
