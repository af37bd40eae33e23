/** Lowers the SPL tree to model stages: one stage per command (subsearches after their parent), with predicates and terms. */
import { sourceStage } from '../stage.js';
import type { Command, Pipeline, SearchNode, Literal } from './ast.js';
import type { Predicate, SearchTerm } from '../../model/predicate.js';
import type { DataSourceRef, Stage } from '../../model/stage.js';
import type { Span } from '../../model/span.js';
import type { Problem } from '../kit/problem.js';
import type { SourceMap } from './source-map.js';
import type { QueryLocator } from '../../text/locator.js';
import { stageKind, TIME_MODIFIERS } from './commands.js';
import { lowerCondition, fieldsOf } from './lower-eval.js';
import { valuePredicate, type PredicateSink } from './predicates.js';

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

/** What lowering one pipeline carries from stage to stage: fields computed by `eval`. */
interface PipelineState {
  derived: Map<string, string[]>;
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
  const state: PipelineState = { derived: new Map() };
  pipeline.commands.forEach((command, i) => lowerCommand(command, i === 0, parent, state, input, out));
}

function lowerCommand(
  command: Command,
  first: boolean,
  parent: number | undefined,
  state: PipelineState,
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
  lowerArguments(command, stage, state, input, out);
  for (const sub of command.subsearches) lowerPipeline(sub, index, input, out);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function lowerArguments(
  command: Command,
  stage: Stage,
  state: PipelineState,
  input: LowerInput,
  out: Lowered,
): void {
  const sink = sinkFor(stage, state, input, command.name === 'tstats' ? command.datamodel : undefined);
  if (command.datamodel) addDataSource(out, 'datamodel', command.datamodel);
  if (command.search) lowerSearch(command.search, false, false, sink, input, out);
  if (command.condition) lowerCondition(command.condition, false, sink);
  if (command.regex) {
    const { field, pattern, negated } = command.regex;
    sink.predicate(
      {
        field,
        op: 'regex',
        values: [pattern.value],
        negated,
        caseSensitive: !pattern.value.startsWith('(?i)'),
      },
      pattern,
    );
  }
  for (const a of command.assignments ?? []) {
    const fields = fieldsOf(a.expr);
    if (fields.length > 0) state.derived.set(a.field, fields);
    else state.derived.delete(a.field);
  }
}

function sinkFor(
  stage: Stage,
  state: PipelineState,
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
      stage.predicates.push(predicate);
    },
    term(value, quoted, negated, at) {
      const term: SearchTerm = { type: 'term', value, stage: stage.index, quoted, negated, span: span(at) };
      stage.terms.push(term);
    },
  };
}

function lowerSearch(
  node: SearchNode,
  negated: boolean,
  caseSensitive: boolean,
  sink: PredicateSink,
  input: LowerInput,
  out: Lowered,
): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const item of node.items) lowerSearch(item, negated, caseSensitive, sink, input, out);
      return;
    case 'not':
      lowerSearch(node.item, !negated, caseSensitive, sink, input, out);
      return;
    case 'compare':
      lowerComparison(node.field, node.op, [node.value], negated, caseSensitive, sink, out, node);
      return;
    case 'in':
      lowerComparison(node.field, '=', node.values, negated, caseSensitive, sink, out, node);
      return;
    case 'term':
      // A lone `*` matches every event: it is not a term anyone searches for.
      if (node.term.value !== '*') sink.term(node.term.value, node.term.quoted, negated, node.term);
      return;
    case 'directive':
      sink.term(node.text.value, node.text.quoted, negated, node.text);
      if (node.inner) lowerSearch(node.inner, negated, node.name === 'CASE', sink, input, out);
      return;
    case 'subsearch':
      lowerPipeline(node.pipeline, sink.stage, input, out);
      return;
  }
}

function lowerComparison(
  field: Literal,
  op: string,
  values: Literal[],
  negated: boolean,
  caseSensitive: boolean,
  sink: PredicateSink,
  out: Lowered,
  at: { start: number; end: number },
): void {
  const name = field.value;
  if (TIME_MODIFIERS.has(name.toLowerCase())) return;
  const kind = name.toLowerCase();
  if ((kind === 'index' || kind === 'sourcetype' || kind === 'source') && op === '=' && !negated) {
    for (const v of values) if (v.value !== '*') addDataSource(out, kind, v.value);
  }
  valuePredicate(
    sink,
    name,
    op,
    values.map((v) => v.value),
    negated,
    caseSensitive,
    at,
  );
}

function addDataSource(out: Lowered, kind: DataSourceRef['kind'], value: string): void {
  if (!out.dataSources.some((d) => d.kind === kind && d.value === value))
    out.dataSources.push({ type: 'datasource', kind, value });
}
