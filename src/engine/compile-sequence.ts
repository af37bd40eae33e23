/**
 * Sequences (EQL `sequence`/`sample`) and joins (Kusto `join`) compiled as steps: each matching event is sorted
 * into the steps it satisfies with its keys, and a temporal aggregate settles them over event time.
 */
import type { Aggregation, Logic, ParsedQuery, Stage } from '../model/stage.js';
import type { CompiledAggregate, CompiledStep } from './compile.js';
import { compileLogic, type CompiledLogic, type StageResolvers } from './logic.js';
import { NotEvaluable } from './not-evaluable.js';

/** Joins whose result has an event exactly when both legs do (the one kind of join a stream can settle). */
const MATCHING_JOINS = new Set(['inner', 'innerunique', 'leftsemi', 'rightsemi']);

function stageLogic(index: number): Logic {
  return { type: 'stage', index };
}

/** The query's root stage that sequences or joins, refusing filters after it the engine cannot place. */
export function sequenceRoot(query: ParsedQuery): Stage | undefined {
  const roots = query.stages.filter((s) => s.parent === undefined);
  const root = roots.find((s) => s.sequence || s.join);
  if (!root) return undefined;
  const after = roots.filter(
    (s) => s.index > root.index && (s.predicates.length || s.terms.length || s.logic || s.aggregation),
  );
  if (after.length) throw new NotEvaluable(`a filter after the ${root.kind} stage is not evaluable`);
  return root;
}

interface Step {
  logic: Logic;
  keyStage: Stage;
  keys: string[];
  position: number;
}

function joinSteps(query: ParsedQuery, root: Stage): { steps: Step[]; ordered: boolean; windowMs?: number } {
  const join = root.join!;
  const roots = query.stages.filter((s) => s.parent === undefined && s.index < root.index);
  const leftIsPipeline = roots.some((s) => s.index === join.left);
  const left: Logic = leftIsPipeline
    ? { type: 'and', operands: roots.map((s) => stageLogic(s.index)) }
    : stageLogic(join.left);
  const stageAt = (i: number): Stage => query.stages[i] ?? root;
  return {
    ordered: false,
    windowMs: join.windowMs,
    steps: [
      { logic: left, keyStage: stageAt(join.left), keys: join.on.map((o) => o.left), position: 0 },
      {
        logic: stageLogic(join.right),
        keyStage: stageAt(join.right),
        keys: join.on.map((o) => o.right),
        position: 1,
      },
    ],
  };
}

function sequenceSteps(
  query: ParsedQuery,
  root: Stage,
): { steps: Step[]; ordered: boolean; windowMs?: number } {
  const sequence = root.sequence!;
  const steps: Step[] = sequence.steps.map((index, position) => ({
    logic: stageLogic(index),
    keyStage: query.stages[index] ?? root,
    keys: [...sequence.by, ...(sequence.stepBy?.[position] ?? [])],
    position,
  }));
  if (sequence.until !== undefined)
    steps.push({
      logic: stageLogic(sequence.until),
      keyStage: query.stages[sequence.until] ?? root,
      keys: [...sequence.by],
      position: -1,
    });
  return { steps, ordered: sequence.ordered, windowMs: sequence.windowMs };
}

export function compileSequence(
  query: ParsedQuery,
  root: Stage,
  resolverOf: StageResolvers,
): { match: CompiledLogic; aggregate?: CompiledAggregate; steps?: CompiledStep[] } {
  if (root.join && !MATCHING_JOINS.has(root.join.kind)) {
    const { kind, left, right } = root.join;
    // An outer join keeps every event of its outer leg: the rule fires where that leg does.
    if (kind === 'leftouter') return { match: compileLogic(query, stageLogic(left), resolverOf) };
    if (kind === 'rightouter') return { match: compileLogic(query, stageLogic(right), resolverOf) };
    throw new NotEvaluable(`join kind=${kind} needs the absence of events, which a stream cannot settle`);
  }
  const { steps, ordered, windowMs } = root.join ? joinSteps(query, root) : sequenceSteps(query, root);
  const counted = steps.filter((s) => s.position >= 0);
  const spec: Aggregation = {
    type: 'aggregation',
    function: ordered ? 'temporal_ordered' : 'temporal',
    groupBy: [],
    windowMs,
    rules: counted.map((s) => String(s.position)),
    threshold: { type: 'true' },
  };
  return {
    match: compileLogic(query, { type: 'or', operands: steps.map((s) => s.logic) }, resolverOf),
    aggregate: { spec, stage: root, threshold: () => true },
    steps: steps.map((s) => ({
      test: compileLogic(query, s.logic, resolverOf).test,
      keys: s.keys.map((k) => resolverOf(s.keyStage).access(k, query.language)),
      position: s.position,
    })),
  };
}
