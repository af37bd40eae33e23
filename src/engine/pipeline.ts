/**
 * A query as a pipeline: the columns its stages compute (`eval`, `extend`, `EVAL`), seen by the stages after
 * them, and where an aggregating stage splits event filters from filters on its rows.
 */
import type { ParsedQuery, Stage } from '../model/stage.js';
import { asEventValue, compileExpression } from './expression.js';
import type { FieldAccess, FieldResolver, FieldTable } from './fields.js';
import type { StageResolvers } from './logic.js';
import { NotEvaluable } from './not-evaluable.js';

/** The event's fields, shadowed by columns computed earlier in the pipeline. */
class StageFields implements FieldResolver {
  constructor(
    private readonly table: FieldTable,
    private readonly computed: ReadonlyMap<string, FieldAccess>,
  ) {}

  access(field: string, language: string): FieldAccess {
    return this.computed.get(field) ?? this.table.access(field, language);
  }
}

/**
 * Resolvers per stage, in stage order: each assignment is compiled over the names bound before it and binds
 * its own name for everything after. A query without assignments reads the event's fields everywhere.
 */
export function stageResolvers(query: ParsedQuery, table: FieldTable): StageResolvers {
  if (!query.stages.some((s) => s.assignments?.length)) return () => table;
  const byStage = new Map<number, FieldResolver>();
  let bound = new Map<string, FieldAccess>();
  for (const stage of [...query.stages].sort((a, b) => a.index - b.index)) {
    for (const assignment of stage.assignments ?? []) {
      const value = compileExpression(assignment.expression, new StageFields(table, bound), query.language);
      const access = table.computed(assignment.field, query.language, (scope) => asEventValue(value(scope)));
      bound = new Map(bound).set(assignment.field, access);
    }
    byStage.set(stage.index, new StageFields(table, bound));
  }
  return (stage) => (stage ? (byStage.get(stage.index) ?? table) : table);
}

/** The first stage that says it cannot be evaluated, as the rule's reason. */
export function refuseUnevaluable(query: ParsedQuery): void {
  const stage = query.stages.find((s) => s.notEvaluable);
  if (stage) throw new NotEvaluable(stage.notEvaluable!);
}

/** The pipeline's root stages around its aggregating stage (one with `measures`), when it has one. */
export interface PipelineSplit {
  before: Stage[];
  aggregating: Stage;
  after: Stage[];
}

export function pipelineSplit(query: ParsedQuery): PipelineSplit | undefined {
  const roots = query.stages.filter((s) => s.parent === undefined).sort((a, b) => a.index - b.index);
  const at = roots.findIndex((s) => s.aggregation?.measures);
  if (at < 0) return undefined;
  const later = roots.slice(at + 1);
  if (later.some((s) => s.aggregation))
    throw new NotEvaluable('a second aggregation after the first is not evaluable');
  return { before: roots.slice(0, at), aggregating: roots[at], after: later };
}
