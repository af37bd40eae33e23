/**
 * A hunt: every rule compiled once, events pushed one at a time through dispatch, prefilter and the rules'
 * tests; aggregates and correlations are settled over event time when the stream ends.
 */
import type { EventOrigin, NormalizedEvent } from '../model/event.js';
import type { ParsedRule } from '../model/rule.js';
import { firings, type Counted } from './aggregate.js';
import { compileRule, type CompiledRule, type RuleRef } from './compile.js';
import { Dispatch } from './dispatch.js';
import { explain, type Explanation } from './explain.js';
import { EventScope, FieldTable, type FieldAccess } from './fields.js';
import { eventKeys } from './logsource.js';

export interface HuntOptions {
  /** Keep, per hit, why the rule fired on its first events. */
  explain?: boolean;
  /** Explanations kept per rule (default 10). */
  explainLimit?: number;
}

export interface HuntHit extends RuleRef {
  events: EventOrigin[];
  count: number;
  explanations?: Explanation[];
}

export interface NotEvaluableRule {
  ruleId: string;
  reason: string;
}

export interface HuntCounts {
  /** Rule evaluations without narrowing (rules × events), after the logsource dispatch, and after the prefilter. */
  withoutNarrowing: number;
  dispatched: number;
  evaluated: number;
}

export interface HuntResult {
  events: number;
  rules: number;
  hits: HuntHit[];
  notEvaluable: NotEvaluableRule[];
  counts: HuntCounts;
}

/** What a rule's match feeds: an aggregate of its own, or a correlation naming it. */
interface Feed {
  target: CompiledRule;
  /** Position in the correlation's `rules`; undefined for a rule's own aggregate. */
  position?: number;
  groupBy: FieldAccess[];
  value?: FieldAccess;
  /** Pipelines: the fields the row's measures read. */
  measureFields?: Array<FieldAccess | undefined>;
}

interface RuleState {
  rule: CompiledRule;
  events: EventOrigin[];
  explanations: Explanation[];
  feeds: Feed[];
  counted: Counted[];
}

export class Hunt {
  private readonly fields = new FieldTable();
  private readonly states = new Map<CompiledRule, RuleState>();
  private readonly dispatch: Dispatch;
  private scopeOf: EventScope | undefined;
  readonly notEvaluable: NotEvaluableRule[] = [];
  private eventCount = 0;
  private evaluated = 0;
  private dispatched = 0;

  constructor(
    rules: readonly ParsedRule[],
    private readonly options: HuntOptions = {},
  ) {
    const compiled: CompiledRule[] = [];
    for (const parsed of rules) {
      const result = compileRule(parsed, this.fields);
      if ('rule' in result) compiled.push(result.rule);
      else this.notEvaluable.push(result);
    }
    for (const rule of compiled)
      this.states.set(rule, { rule, events: [], explanations: [], feeds: [], counted: [] });
    this.wireFeeds(compiled);
    this.dispatch = new Dispatch([...this.states.keys()]);
  }

  get ruleCount(): number {
    return this.states.size + this.notEvaluable.length;
  }

  private groupAccess(rule: CompiledRule, target: CompiledRule): FieldAccess[] {
    const spec = target.aggregate!.spec;
    return spec.groupBy.map((g) => {
      const aliases = spec.aliases?.[g];
      const field = aliases?.[rule.ref.name ?? ''] ?? aliases?.[rule.ref.ruleId] ?? g;
      return this.fields.access(field, rule.ref.language);
    });
  }

  /** Links each aggregate to the rules whose matches it counts; a correlation missing a rule is not evaluable. */
  private wireFeeds(compiled: CompiledRule[]): void {
    const byName = new Map<string, CompiledRule>();
    for (const rule of compiled) {
      byName.set(rule.ref.ruleId, rule);
      if (rule.ref.name) byName.set(rule.ref.name, rule);
    }
    for (const target of compiled) {
      const spec = target.aggregate?.spec;
      if (!spec || target.steps) continue;
      const rows = target.aggregate!.rows;
      if (rows) {
        const feed: Feed = { target, groupBy: rows.groupBy, measureFields: rows.measureFields };
        this.states.get(target)!.feeds.push(feed);
        continue;
      }
      const sources = spec.rules ? spec.rules.map((name) => byName.get(name)) : [target];
      const missing = spec.rules?.find((name, i) => !sources[i] || !sources[i]!.match);
      if (missing !== undefined) {
        this.states.delete(target);
        this.notEvaluable.push({
          ruleId: target.ref.ruleId,
          reason: `the correlation refers to rule ${missing}, which is not loaded or not evaluable`,
        });
        continue;
      }
      sources.forEach((source, i) => {
        const feed: Feed = {
          target,
          position: spec.rules ? i : undefined,
          groupBy: this.groupAccess(source!, target),
        };
        if (spec.field) feed.value = this.fields.access(spec.field, source!.ref.language);
        this.states.get(source!)!.feeds.push(feed);
      });
    }
  }

  push(event: NormalizedEvent): void {
    this.eventCount++;
    if (this.scopeOf) this.scopeOf.reset(event);
    else this.scopeOf = new EventScope(event);
    const scope = this.scopeOf;
    const bucket = this.dispatch.bucket(eventKeys(event));
    this.dispatched += bucket.rules.length;
    bucket.candidates(scope, (position) => {
      const rule = bucket.rules[position];
      this.evaluated++;
      if (rule.match!.test(scope)) this.matched(rule, scope);
    });
  }

  /** Sorts a sequence's or join's event into the steps it satisfies, keyed by the step's keys. */
  private stepped(state: RuleState, scope: EventScope): void {
    const origin = scope.event.record.origin;
    const time = scope.event.time ?? 0;
    for (const step of state.rule.steps!) {
      if (!step.test(scope)) continue;
      const group = step.keys.map((a) => scope.values(a)?.lower.join(',') ?? '').join('\u0000');
      state.counted.push({ time, origin, group, rule: step.position });
    }
  }

  private matched(rule: CompiledRule, scope: EventScope): void {
    const state = this.states.get(rule);
    if (!state) return;
    if (rule.steps) return this.stepped(state, scope);
    const origin = scope.event.record.origin;
    if (!rule.aggregate) {
      state.events.push(origin);
      if (this.options.explain && state.explanations.length < (this.options.explainLimit ?? 10))
        state.explanations.push(explain(rule.match!.leaves, scope));
    }
    for (const feed of state.feeds) {
      const group = feed.groupBy.map((a) => scope.values(a)?.lower.join(',') ?? '').join('\u0000');
      const counted: Counted = { time: scope.event.time ?? 0, origin, group };
      if (feed.value) counted.value = scope.values(feed.value)?.raw[0];
      if (feed.measureFields) {
        counted.keys = feed.groupBy.map((a) => scope.values(a)?.raw.join(',') ?? '');
        counted.values = feed.measureFields.map((a) => (a ? scope.values(a)?.raw[0] : undefined));
      }
      if (feed.position !== undefined) counted.rule = feed.position;
      this.states.get(feed.target)?.counted.push(counted);
    }
  }

  finish(): HuntResult {
    const hits: HuntHit[] = [];
    for (const state of this.states.values()) {
      const { rule } = state;
      if (rule.aggregate) {
        const fired = firings(rule.aggregate, state.counted);
        if (fired.length) hits.push({ ...rule.ref, events: fired.flat(), count: fired.length });
      } else if (state.events.length) {
        const hit: HuntHit = { ...rule.ref, events: state.events, count: state.events.length };
        if (this.options.explain) hit.explanations = state.explanations;
        hits.push(hit);
      }
    }
    return {
      events: this.eventCount,
      rules: this.ruleCount,
      hits,
      notEvaluable: this.notEvaluable,
      counts: {
        withoutNarrowing: this.eventCount * this.states.size,
        dispatched: this.dispatched,
        evaluated: this.evaluated,
      },
    };
  }
}
