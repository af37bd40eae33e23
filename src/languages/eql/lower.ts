/** Lowers an EQL syntax tree to stages: the event query or sequence, its sub-queries, then one stage per pipe. */
import { sourceStage } from '../stage.js';
import type { Predicate } from '../../model/predicate.js';
import type { DataSourceRef, Stage } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import type { EventQuery, Query, RelationExpr, SequenceQuery, SequenceTerm } from './ast.js';
import { lowerCondition, type PredicateSink } from './predicates.js';

export interface Lowered {
  stages: Stage[];
  dataSources: DataSourceRef[];
}

class StageBuilder {
  readonly stages: Stage[] = [];
  private readonly categories = new Set<string>();

  constructor(
    readonly text: string,
    readonly locator: Locator,
    readonly legacy: boolean,
  ) {}

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

  /** An event query becomes a `where` stage holding its condition's predicates. */
  event(query: EventQuery, negated: boolean, extra: { name?: string; parent?: number } = {}): void {
    const stage = this.stage('where', query.start, query.end, extra);
    const category = query.category.toLowerCase();
    if (category && category !== 'any') this.categories.add(category);
    if (query.condition) lowerCondition(query.condition, negated, this.sink(stage));
  }

  sequence(query: SequenceQuery): void {
    const parent = this.stage(query.kind, query.start, query.end).index;
    for (const term of query.terms) this.term(term, parent);
    if (query.until) this.term(query.until, parent, 'until');
  }

  private term(term: SequenceTerm, parent: number, name?: string): void {
    // `![...]` asks for an event that must not occur: what it matches is excluded.
    this.event(term.query, term.missing, { parent, name: name ?? (term.missing ? 'missing' : undefined) });
  }

  private sink(stage: Stage): PredicateSink {
    return {
      legacy: this.legacy,
      locator: this.locator,
      text: this.text,
      add: (p: Predicate) => stage.predicates.push(p),
      relation: (expr: RelationExpr, negated: boolean) =>
        this.event(expr.query, negated, { parent: stage.index, name: expr.relation }),
    };
  }

  pipes(query: Query): void {
    for (const pipe of query.pipes) {
      const stage = this.stage(pipe.name || 'pipe', pipe.start, pipe.end);
      // Only `filter` takes conditions; the other pipes take fields and counts.
      if (pipe.name === 'filter') for (const arg of pipe.args) lowerCondition(arg, false, this.sink(stage));
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
