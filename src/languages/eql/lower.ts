/**
 * Lowers an EQL syntax tree to stages: the event query or sequence (its steps as sub-stages, with the model's
 * `Sequence`), then one stage per pipe. Each stage's condition becomes its predicates and its logic tree.
 */
import { sourceStage } from '../stage.js';
import type { Predicate } from '../../model/predicate.js';
import type { DataSourceRef, Logic, Stage } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import type { EventQuery, Expr, Pipe, Query, RelationExpr, SequenceQuery, SequenceTerm } from './ast.js';
import { ExpressionLowering } from './model-expression.js';
import { lowerCondition, type PredicateSink } from './predicates.js';
import { spanMs } from './span.js';

export interface Lowered {
  stages: Stage[];
  dataSources: DataSourceRef[];
}

/** Pipes that only limit, order or deduplicate results: they change how many matches show, not which events match. */
const PASSING_PIPES = new Set(['head', 'tail', 'sort', 'unique']);
const COUNTING_PIPES = new Set(['count', 'unique_count']);

class StageBuilder {
  readonly stages: Stage[] = [];
  private readonly categories = new Set<string>();
  private readonly expressions: ExpressionLowering;

  constructor(
    readonly text: string,
    readonly locator: Locator,
    readonly legacy: boolean,
  ) {
    this.expressions = new ExpressionLowering(legacy);
  }

  stage(kind: string, start: number, end: number, extra: { name?: string; parent?: number } = {}): Stage {
    const stage = sourceStage({
      index: this.stages.length,
      kind,
      text: this.text,
      locator: this.locator,
      start,
      end,
      ...extra,
    });
    this.stages.push(stage);
    return stage;
  }

  /**
   * An event query becomes a `where` stage holding its condition. A step of a sequence also tests its category
   * (`event.category`), since the rule's data sources are the union of its steps' categories.
   */
  event(query: EventQuery, negated: boolean, extra: { name?: string; parent?: number } = {}): Stage {
    const stage = this.stage('where', query.start, query.end, extra);
    const category = query.category.toLowerCase();
    if (category && category !== 'any') this.categories.add(category);
    const operands: Logic[] = [];
    if (extra.parent !== undefined && category && category !== 'any')
      operands.push(this.sink(stage).add(this.categoryPredicate(query, category, negated)));
    if (query.condition) operands.push(lowerCondition(query.condition, negated, this.sink(stage)));
    stage.logic = operands.length === 1 ? operands[0] : { type: 'and', operands };
    return stage;
  }

  private categoryPredicate(query: EventQuery, category: string, negated: boolean): Predicate {
    const at = this.text.indexOf(query.category, query.start);
    return {
      type: 'predicate',
      field: 'event.category',
      op: 'eq',
      values: [category],
      negated,
      caseSensitive: false,
      all: false,
      span: this.locator.span(at, at + query.category.length),
    };
  }

  sequence(query: SequenceQuery): void {
    const stage = this.stage(query.kind, query.start, query.end);
    const steps: number[] = [];
    const stepBy: string[][] = [];
    for (const term of query.terms) {
      const step = this.term(term, stage.index).index;
      // `with runs=N` is the same step N times in a row.
      for (let run = 0; run < (term.runs ?? 1); run++) {
        steps.push(step);
        stepBy.push(term.by.map((k) => this.keyName(k)));
      }
    }
    stage.sequence = {
      type: 'sequence',
      steps,
      by: query.by.map((k) => this.keyName(k)),
      ordered: query.kind === 'sequence',
    };
    if (stepBy.some((keys) => keys.length > 0)) stage.sequence.stepBy = stepBy;
    const windowMs = query.maxspan ? spanMs(query.maxspan) : undefined;
    if (windowMs !== undefined) stage.sequence.windowMs = windowMs;
    if (query.until) stage.sequence.until = this.term(query.until, stage.index, 'until').index;
    if (query.terms.some((t) => t.missing))
      stage.notEvaluable = 'a sequence step that must not occur (![...]) is not evaluated';
  }

  private term(term: SequenceTerm, parent: number, name?: string): Stage {
    return this.event(term.query, false, { parent, name: name ?? (term.missing ? 'missing' : undefined) });
  }

  /** A join key as a field name; a computed key keeps its text. */
  private keyName(key: Expr): string {
    return key.kind === 'field' ? key.name : this.text.slice(key.start, key.end);
  }

  private sink(stage: Stage): PredicateSink {
    return {
      legacy: this.legacy,
      locator: this.locator,
      text: this.text,
      expressions: this.expressions,
      add: (p: Predicate): Logic => {
        stage.predicates.push(p);
        return { type: 'predicate', index: stage.predicates.length - 1 };
      },
      relation: (expr: RelationExpr, negated: boolean): Logic => {
        const sub = this.event(expr.query, negated, { parent: stage.index, name: expr.relation });
        sub.notEvaluable = `process ancestry ("${expr.relation} of") needs the process tree, which events do not carry`;
        return { type: 'stage', index: sub.index };
      },
    };
  }

  pipes(query: Query): void {
    for (const pipe of query.pipes) this.pipe(pipe);
  }

  private pipe(pipe: Pipe): void {
    const stage = this.stage(pipe.name || 'pipe', pipe.start, pipe.end);
    if (pipe.name === 'filter') {
      const operands = pipe.args.map((arg) => lowerCondition(arg, false, this.sink(stage)));
      stage.logic = operands.length === 1 ? operands[0] : { type: 'and', operands };
    } else if (COUNTING_PIPES.has(pipe.name)) {
      const groupBy = pipe.args.map((k) => this.keyName(k));
      stage.aggregation = {
        type: 'aggregation',
        function: 'count',
        groupBy,
        threshold: { type: 'true' },
        measures: [{ name: 'count', function: 'count' }],
      };
    } else if (!PASSING_PIPES.has(pipe.name)) {
      stage.notEvaluable = `the ${pipe.name || 'unnamed'} pipe is not evaluated`;
    }
  }

  get dataSources(): DataSourceRef[] {
    return [...this.categories].map((value) => ({ type: 'datasource', kind: 'category', value }));
  }
}

export function lowerQuery(query: Query, text: string, locator: Locator, legacy: boolean): Lowered {
  const builder = new StageBuilder(text, locator, legacy);
  if (query.head?.kind === 'event') builder.event(query.head, false);
  else if (query.head) builder.sequence(query.head);
  builder.pipes(query);
  return { stages: builder.stages, dataSources: builder.dataSources };
}
