/**
 * Lowers the SPL tree to model stages: one stage per command (subsearches after their parent), with
 * predicates, terms, the logic tree over them, computed columns and aggregations.
 */
import { sourceStage } from '../stage.js';
import type { Command, Pipeline } from './ast.js';
import type { Predicate, SearchTerm } from '../../model/predicate.js';
import type { DataSourceRef, Logic, Stage } from '../../model/stage.js';
import type { Span } from '../../model/span.js';
import type { Problem } from '../kit/problem.js';
import type { SourceMap } from './source-map.js';
import type { QueryLocator } from '../../text/locator.js';
import { stageKind } from './commands.js';
import { conditionLogic, fieldsOf } from './lower-eval.js';
import type { PredicateSink } from './predicates.js';
import { searchLogic, type SearchContext } from './search-logic.js';
import { logicReads, PipelineColumns } from './columns.js';
import { applyCommand } from './command-semantics.js';

export interface LowerInput {
  expanded: string;
  original: string;
  map: SourceMap;
  locator: QueryLocator;
  problems: Problem[];
}

export interface Lowered {
  stages: Stage[];
  dataSources: DataSourceRef[];
}

export function lowerQuery(pipeline: Pipeline, input: LowerInput): Lowered {
  const out: Lowered = { stages: [], dataSources: [] };
  lowerPipeline(pipeline, undefined, input, out);
  return out;
}

function lowerPipeline(
  pipeline: Pipeline,
  parent: number | undefined,
  input: LowerInput,
  out: Lowered,
): void {
  const state = new PipelineColumns();
  pipeline.commands.forEach((command, i) => lowerCommand(command, i === 0, parent, state, input, out));
}

function lowerCommand(
  command: Command,
  first: boolean,
  parent: number | undefined,
  state: PipelineColumns,
  input: LowerInput,
  out: Lowered,
): void {
  const { map, original } = input;
  let from = map.outer(command.start, 'start');
  let to = map.outer(command.end, 'end');
  while (from < to && isBlank(original.charCodeAt(from))) from++;
  while (to > from && isBlank(original.charCodeAt(to - 1))) to--;
  const empty =
    command.name === '' || (command.name === 'search' && command.args.length === 0 && !command.written);
  const unresolved = map.unresolvedIn(from, to);
  if (empty && unresolved.length === 0) {
    if (!first && !map.touchesMacro(command.start, command.end)) {
      input.problems.push({
        message: 'Unexpected "|", expected a command after it',
        severity: 'error',
        kind: 'missing-part',
        start: command.start,
        end: command.start + 1,
      });
    }
    return;
  }
  const index = out.stages.length;
  const kind = empty && !first ? 'macro' : stageKind(command.name || 'search');
  const name = empty && unresolved.length > 0 ? unresolved.map((s) => s.unresolved).join(' ') : undefined;
  const stage = sourceStage({
    index,
    kind,
    text: original,
    locator: input.locator,
    start: from,
    end: to,
    name,
    parent,
  });
  out.stages.push(stage);
  if (unresolved.length > 0)
    stage.notEvaluable = `it calls the macro ${unresolved[0].unresolved}, which its source does not define`;
  lowerArguments(command, stage, state, input, out);
  if (command.subsearches.length > 0) stage.notEvaluable ??= 'it uses the results of a subsearch';
  for (const sub of command.subsearches) lowerPipeline(sub, index, input, out);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function lowerArguments(
  command: Command,
  stage: Stage,
  state: PipelineColumns,
  input: LowerInput,
  out: Lowered,
): void {
  const sink = sinkFor(stage, state, input, command.name === 'tstats' ? command.datamodel : undefined);
  if (command.datamodel) addDataSource(out, 'datamodel', command.datamodel);
  // Even a tree that holds for every event is kept: without one the engine would AND the stage's predicates,
  // data source selectors included.
  const logic = filterLogic(command, sink, stage, input, out);
  if (logic) stage.logic = logic;
  // A filter is read on the rows as they are before the command computes anything (tstats filters events).
  const doubt = state.doubtOf(logicReads(stage, stage.logic));
  if (doubt) stage.notEvaluable ??= `the engine cannot evaluate the filter: ${doubt}`;
  applyCommand(command, stage, state);
  for (const a of command.assignments ?? []) {
    const fields = fieldsOf(a.expr);
    if (fields.length > 0) state.derived.set(a.field, fields);
    else state.derived.delete(a.field);
  }
}

/** The logic of a command that filters: a search expression, a `where` condition, a `regex`. */
function filterLogic(
  command: Command,
  sink: PredicateSink,
  stage: Stage,
  input: LowerInput,
  out: Lowered,
): Logic | undefined {
  if (command.search) {
    const ctx: SearchContext = {
      sink,
      dataSource: (kind, value) => addDataSource(out, kind, value),
      subsearch: (node) => {
        stage.notEvaluable ??= 'it uses the results of a subsearch';
        lowerPipeline(node.pipeline, stage.index, input, out);
      },
    };
    return searchLogic(command.search, false, false, ctx);
  }
  if (command.condition) return conditionLogic(command.condition, false, sink);
  if (command.regex) {
    const { field, pattern, negated } = command.regex;
    const leaf = sink.predicate(
      {
        field,
        op: 'regex',
        values: [pattern.value],
        negated,
        caseSensitive: !pattern.value.startsWith('(?i)'),
      },
      pattern,
    );
    return negated ? { type: 'not', operand: leaf } : leaf;
  }
  return undefined;
}

function sinkFor(
  stage: Stage,
  state: PipelineColumns,
  input: LowerInput,
  scope: string | undefined,
): PredicateSink {
  const span = (at: { start: number; end: number }): Span =>
    input.locator.span(input.map.toOriginal(at.start, 'start'), input.map.toOriginal(at.end, 'end'));
  return {
    stage: stage.index,
    predicate(fields, at) {
      const predicate: Predicate = { type: 'predicate', all: false, ...fields, span: span(at) };
      if (scope) predicate.scope = scope;
      const derived = predicate.field !== null ? state.derived.get(predicate.field) : undefined;
      if (derived) predicate.derivedFrom = derived;
      return { type: 'predicate', index: stage.predicates.push(predicate) - 1 };
    },
    term(value, quoted, negated, at, directive) {
      const term: SearchTerm = { type: 'term', value, stage: stage.index, quoted, negated, span: span(at) };
      if (directive === 'CASE') term.caseSensitive = true;
      if (directive === 'TERM') term.whole = true;
      return { type: 'term', index: stage.terms.push(term) - 1 };
    },
  };
}

function addDataSource(out: Lowered, kind: DataSourceRef['kind'], value: string): void {
  if (!out.dataSources.some((d) => d.kind === kind && d.value === value))
    out.dataSources.push({ type: 'datasource', kind, value });
}
