/**
 * A rule's detection logic in disjunctive normal form over atoms: alternatives (conjunctions) of literals, each
 * literal a positive "any of these atoms" or an exclusion of one atom, with what the form cannot capture.
 */
import type { Expression, Logic, ParsedQuery, Stage } from '../../model/stage.js';
import type { ParsedRule } from '../../model/rule.js';
import { implicitLogic, unreferencedStages } from '../../engine/logic.js';
import { predicateAtoms, termAtom, type Atom } from './atoms.js';
import { ruleEventTypes } from './event-types.js';

export interface Literal {
  /** Positive: any of `atoms` holds. Negated: `atoms` (one) does not hold. */
  negated: boolean;
  atoms: Atom[];
  key: string;
}

export type Conjunction = Literal[];

export interface RuleForm {
  conjunctions: Conjunction[];
  /** Activities or catalog events the rule reads; null when it names none. */
  eventTypes: string[] | null;
  /** Why the form does not capture when the rule fires (aggregations, sequences, expressions, ...). */
  limits: string[];
}

/** Alternatives kept before the form gives up on being complete (a limit says so). */
const MAX_CONJUNCTIONS = 64;
const MAX_DEPTH = 64;

function literal(negated: boolean, atoms: Atom[]): Literal {
  const keys = atoms.map((a) => a.key).sort();
  return { negated, atoms, key: `${negated ? '!' : ''}${[...new Set(keys)].join('||')}` };
}

function expressionAtom(expression: Expression): Atom {
  const text = JSON.stringify(expression);
  return { concept: 'opaque', op: 'eq', value: 'an expression', caseSensitive: true, key: `opaque|${text}` };
}

class FormBuilder {
  readonly limits = new Set<string>();
  private readonly computed: Set<string>;

  constructor(private readonly query: ParsedQuery) {
    this.computed = new Set(
      query.stages.flatMap((s) => (s.assignments ?? []).map((a) => a.field.toLowerCase())),
    );
    for (const stage of query.stages) this.stageLimits(stage);
    if (query.unresolved.length) this.limits.add(`uses ${query.unresolved.join(', ')}, not resolved`);
  }

  private stageLimits(stage: Stage): void {
    if (stage.sequence) this.limits.add(`correlates a sequence of events (stage ${stage.index})`);
    if (stage.join) this.limits.add(`joins two event streams (stage ${stage.index})`);
    if (stage.notEvaluable) this.limits.add(stage.notEvaluable);
    const parent = stage.parent === undefined ? undefined : this.query.stages[stage.parent];
    if (parent && !parent.sequence && !parent.join)
      this.limits.add(`combines sub-queries (${parent.kind}, stage ${parent.index})`);
    if (stage.aggregation && !this.passesEveryEvent(stage))
      this.limits.add(`aggregates events (${describeAggregation(stage)})`);
  }

  /**
   * An aggregation that fires for every group holding one matching event (`tstats count ... by ...` with no
   * test on the counts after it) fires when one of its events matches: its logic selects those events.
   */
  private passesEveryEvent(stage: Stage): boolean {
    const agg = stage.aggregation!;
    if (agg.rules || agg.threshold.type !== 'true') return false;
    const measures = new Set((agg.measures ?? []).map((m) => m.name.toLowerCase()));
    measures.add('count');
    return !this.query.stages.some(
      (s) =>
        s.index > stage.index && s.predicates.some((p) => p.field && measures.has(p.field.toLowerCase())),
    );
  }

  private bounded(conjunctions: Conjunction[]): Conjunction[] {
    if (conjunctions.length <= MAX_CONJUNCTIONS) return conjunctions;
    this.limits.add(`has more than ${MAX_CONJUNCTIONS} alternatives`);
    return conjunctions.slice(0, MAX_CONJUNCTIONS);
  }

  /** The DNF of `node` read with polarity `negated`: negations pushed down to the leaves. */
  dnf(node: Logic, stage: Stage | undefined, negated: boolean, depth: number): Conjunction[] {
    if (depth > MAX_DEPTH) {
      this.limits.add('nests too deep');
      return [[]];
    }
    switch (node.type) {
      case 'true':
        return negated ? [] : [[]];
      case 'false':
        return negated ? [[]] : [];
      case 'not':
        return this.dnf(node.operand, stage, !negated, depth + 1);
      case 'and':
      case 'or': {
        const parts = node.operands.map((o) => this.dnf(o, stage, negated, depth + 1));
        return (node.type === 'and') !== negated ? this.product(parts) : this.bounded(parts.flat());
      }
      case 'stage':
        return this.stageForm(node.index, negated, depth);
      case 'predicate':
        return this.predicateForm(stage, node.index, negated);
      case 'term': {
        const term = stage?.terms[node.index];
        return term ? [[literal(negated, [termAtom(term)])]] : [[]];
      }
      case 'expression':
        this.limits.add('tests an expression');
        return [[literal(negated, [expressionAtom(node.expression)])]];
    }
  }

  private product(parts: Conjunction[][]): Conjunction[] {
    let out: Conjunction[] = [[]];
    for (const part of parts) {
      const next: Conjunction[] = [];
      for (const left of out)
        for (const right of part) {
          if (next.length > MAX_CONJUNCTIONS) break;
          next.push([...left, ...right]);
        }
      out = this.bounded(next);
    }
    return out;
  }

  private stageForm(index: number, negated: boolean, depth: number): Conjunction[] {
    const target = this.query.stages[index];
    if (!target) return [[]];
    const own = this.dnf(selectingLogic(target), target, negated, depth + 1);
    const children = this.query.stages.filter((s) => s.parent === index);
    if (children.length === 0) return own;
    // Sub-queries (sequence steps, join legs, subsearches) are a limit already; as alternatives they still
    // give the evidence of what the rule looks for.
    const legs = children.map((c) => this.stageForm(c.index, negated, depth + 1));
    return this.product([own, negated ? this.product(legs) : this.bounded(legs.flat())]);
  }

  /** Values are alternatives (all required under `all`); an exclusion of alternatives excludes each. */
  private predicateForm(stage: Stage | undefined, index: number, negated: boolean): Conjunction[] {
    const p = stage?.predicates[index];
    if (!p) return [[]];
    const atoms = predicateAtoms(p, this.query.language, this.computed);
    const each = p.all && atoms.length > 1;
    if (!negated) return each ? [atoms.map((a) => literal(false, [a]))] : [[literal(false, atoms)]];
    return each ? atoms.map((a) => [literal(true, [a])]) : [atoms.map((a) => literal(true, [a]))];
  }
}

/**
 * The logic that selects a stage's events. An aggregate's own predicates compare the aggregate (Sigma's
 * `count() > 5`) unless its threshold is `true`: then they select the events counted (SPL `tstats ... where`).
 */
function selectingLogic(stage: Stage): Logic {
  if (stage.logic) return stage.logic;
  if (stage.aggregation && stage.aggregation.threshold.type !== 'true') return { type: 'true' };
  return implicitLogic(stage);
}

function describeAggregation(stage: Stage): string {
  const agg = stage.aggregation!;
  const by = agg.groupBy.length ? ` by ${agg.groupBy.join(', ')}` : '';
  if (agg.rules) return `${agg.function} of rules ${agg.rules.join(', ')}${by}`;
  return `${agg.function}${agg.field ? `(${agg.field})` : ''}${by}`;
}

/** Literals of one conjunction without repeats; null when two of them cannot both hold. */
function simplify(conjunction: Conjunction): Conjunction | null {
  const byKey = new Map<string, Literal>();
  for (const l of conjunction) byKey.set(l.key, l);
  for (const l of byKey.values()) if (l.negated && byKey.has(l.key.slice(1))) return null;
  return [...byKey.values()];
}

export function ruleForm(parsed: ParsedRule): RuleForm {
  const eventTypes = ruleEventTypes(parsed);
  const query = parsed.query;
  if (!query) return { conjunctions: [[]], eventTypes, limits: ['has no query'] };
  const builder = new FormBuilder(query);
  const root = query.logic ?? unreferencedStages(query.stages);
  const conjunctions = builder
    .dnf(root, undefined, false, 0)
    .map(simplify)
    .filter((c): c is Conjunction => c !== null);
  if (conjunctions.length === 0) builder.limits.add('matches no event');
  if (query.diagnostics.some((d) => d.severity === 'error')) builder.limits.add('does not parse');
  return { conjunctions, eventTypes, limits: [...builder.limits] };
}
