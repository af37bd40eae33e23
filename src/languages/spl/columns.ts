/**
 * What one SPL pipeline knows of its columns from stage to stage: fields `eval` derives, columns a command
 * computes in a way the model cannot (`lookup` outputs, `rex` groups, `eventstats` measures), and the rows of
 * an aggregation. A filter that reads such a column makes its stage not evaluable, with the reason.
 */
import type { Logic, Measure, Stage } from '../../model/stage.js';
import { expressionFields } from '../kit/expression-fields.js';

export class PipelineColumns {
  /** `eval x=f(y)`: x derives from y (for the predicates' `derivedFrom`). */
  readonly derived = new Map<string, string[]>();
  /** Column → why the model cannot compute it. */
  private readonly opaque = new Map<string, string>();
  /** A command added columns it does not name (a `lookup` without OUTPUT): every later column is in doubt. */
  private unnamed: string | undefined;
  /** Columns assigned since `unnamed`, which are known whatever it added. */
  private readonly assigned = new Set<string>();
  /** `bin _time span=…` before an aggregation: its window. */
  binSpan: number | undefined;
  /** After an aggregation: the columns of its rows (keys, measures, then those assigned); before one, unknown. */
  rows: string[] | undefined;

  /** A column the model cannot compute, and why (`lookup x computes it`). */
  markOpaque(column: string, reason: string): void {
    this.opaque.set(column, reason);
    this.assigned.delete(column);
  }

  markUnnamed(reason: string): void {
    this.unnamed = reason;
    this.assigned.clear();
  }

  /** `column` computed from `reads`: opaque when one of them is. */
  assign(column: string, reads: Iterable<string>): void {
    const doubt = this.sourceOf(reads);
    if (doubt) this.opaque.set(column, `is computed from ${doubt}`);
    else {
      this.opaque.delete(column);
      this.assigned.add(column);
    }
    if (this.rows && !this.rows.includes(column)) this.rows.push(column);
  }

  /** An aggregation's rows: its keys and measures, opaque where they read opaque columns. */
  aggregate(groupBy: string[], measures: Measure[]): void {
    const doubts = new Map<string, string>();
    for (const key of groupBy) {
      const doubt = this.sourceOf([key]);
      if (doubt) doubts.set(key, `is ${doubt}`);
    }
    for (const m of measures) {
      const doubt = m.field !== undefined ? this.sourceOf([m.field]) : undefined;
      if (doubt) doubts.set(m.name, `is computed from ${doubt}`);
    }
    this.opaque.clear();
    for (const [column, doubt] of doubts) this.opaque.set(column, doubt);
    this.unnamed = undefined;
    this.assigned.clear();
    this.rows = [...groupBy, ...measures.map((m) => m.name)];
  }

  /** Why one of `columns` cannot be read, if one cannot. */
  doubtOf(columns: Iterable<string>): string | undefined {
    const source = this.sourceOf(columns);
    return source ? `it reads ${source}` : undefined;
  }

  /** `x, which lookup t sets` for the first of `columns` the model cannot compute. */
  private sourceOf(columns: Iterable<string>): string | undefined {
    for (const column of columns) {
      const reason = this.opaque.get(column);
      if (reason) return `${column}, which ${reason}`;
      if (this.unnamed && !this.assigned.has(column)) return `${column}, which ${this.unnamed} may set`;
    }
    return undefined;
  }
}

/** The fields a stage's logic reads: its predicates' fields (and fieldref values) and its expressions' fields. */
export function logicReads(
  stage: Stage,
  logic: Logic | undefined,
  into: Set<string> = new Set(),
): Set<string> {
  if (!logic) return into;
  switch (logic.type) {
    case 'and':
    case 'or':
      logic.operands.forEach((o) => logicReads(stage, o, into));
      break;
    case 'not':
      logicReads(stage, logic.operand, into);
      break;
    case 'predicate': {
      const p = stage.predicates[logic.index];
      if (p?.field) into.add(p.field);
      if (p?.op === 'fieldref') p.values.forEach((v) => into.add(v));
      break;
    }
    case 'expression':
      expressionFields(logic.expression, into);
      break;
  }
  return into;
}
