/**
 * A query's logic tree compiled into one test per event. Predicates are read positively and the tree's
 * `not` nodes give polarity; a stage without a tree ANDs its predicates (each with its own `negated`) and terms.
 */
import type { Predicate } from '../model/predicate.js';
import type { Logic, ParsedQuery, Stage } from '../model/stage.js';
import { compileExpression } from './expression.js';
import { truthy } from './expression-functions.js';
import type { EventScope, FieldAccess, FieldResolver } from './fields.js';
import { NotEvaluable } from './not-evaluable.js';
import { compilePredicate, type PredicateTest } from './predicate-test.js';
import { termTest } from './term-match.js';

export type Test = (scope: EventScope) => boolean;

/** The field names a stage's predicates read: the event's, or columns computed by the stages before it. */
export type StageResolvers = (stage: Stage | undefined) => FieldResolver;

/** A predicate the query reaches, with its polarity in the tree: what `--explain` reports. */
export interface Leaf {
  stage: Stage;
  predicate: Predicate;
  compiled: PredicateTest;
  /** True when the leaf sits under an odd number of `not`s: it counts when it does not match. */
  inverted: boolean;
}

/** A literal on a field: the prefilter's unit. A rule can match only if one of its anchors is present. */
export interface Anchor {
  access: FieldAccess;
  literal: string;
}

export interface CompiledLogic {
  test: Test;
  leaves: Leaf[];
  /** Necessary anchor groups: one anchor of each group must be present; null when none can be derived. */
  anchors: Anchor[][] | null;
}

const MAX_DEPTH = 64;

/** Stages no other stage refers to: the query's roots when it gives no logic of its own. */
export function unreferencedStages(stages: readonly Stage[]): Logic {
  const referenced = new Set<number>();
  const visit = (node: Logic | undefined): void => {
    if (!node) return;
    if (node.type === 'stage') referenced.add(node.index);
    else if (node.type === 'not') visit(node.operand);
    else if (node.type === 'and' || node.type === 'or') node.operands.forEach(visit);
  };
  stages.forEach((s) => visit(s.logic));
  const roots = stages.filter((s) => !referenced.has(s.index) && s.parent === undefined);
  return { type: 'and', operands: roots.map((s): Logic => ({ type: 'stage', index: s.index })) };
}

/** The implicit tree of a stage without one: its predicates and terms ANDed with their own polarity. */
export function implicitLogic(stage: Stage): Logic {
  const operands: Logic[] = stage.predicates.map((p, index) => {
    const leaf: Logic = { type: 'predicate', index };
    return p.negated ? { type: 'not', operand: leaf } : leaf;
  });
  stage.terms.forEach((t, index) => {
    const leaf: Logic = { type: 'term', index };
    operands.push(t.negated ? { type: 'not', operand: leaf } : leaf);
  });
  return { type: 'and', operands };
}

/** Groups an AND keeps for the prefilter: each more narrows the candidates, and costs a scan per event. */
const MAX_GROUPS = 2;

/** Orders anchor groups best first: longest shortest literal (up to 8 characters), then fewest anchors. */
function byNarrowing(a: Anchor[], b: Anchor[]): number {
  const shortest = (list: Anchor[]): number =>
    Math.min(Math.min(...list.map((x) => x.literal.length), 1e9), 8);
  return shortest(b) - shortest(a) || a.length - b.length;
}

/** The necessary groups of an AND: every operand's are necessary; the best few are kept. */
function andAnchors(parts: Array<Anchor[][] | null>): Anchor[][] | null {
  const groups = parts.flatMap((a) => a ?? []);
  if (groups.length === 0) return null;
  return groups.sort(byNarrowing).slice(0, MAX_GROUPS);
}

class LogicCompiler {
  readonly leaves: Leaf[] = [];
  private readonly predicateTests = new Map<Predicate, PredicateTest>();

  constructor(
    private readonly query: ParsedQuery,
    private readonly resolverOf: StageResolvers,
  ) {}

  private stageAt(index: number): Stage {
    const stage = this.query.stages[index];
    if (!stage) throw new NotEvaluable(`the logic refers to stage ${index}, which the query does not have`);
    return stage;
  }

  private predicate(stage: Stage, index: number, inverted: boolean): PredicateTest {
    const p = stage.predicates[index];
    if (!p)
      throw new NotEvaluable(
        `the logic refers to predicate ${index} of stage ${stage.index}, which it does not have`,
      );
    let compiled = this.predicateTests.get(p);
    if (!compiled) {
      compiled = compilePredicate(p, this.resolverOf(stage), this.query.language);
      this.predicateTests.set(p, compiled);
    }
    this.leaves.push({ stage, predicate: p, compiled, inverted });
    return compiled;
  }

  /** The test of `node` within `stage`, and its necessary anchors when `node` is read positively. */
  compile(
    node: Logic,
    stage: Stage | undefined,
    inverted: boolean,
    depth: number,
  ): [Test, Anchor[][] | null] {
    if (depth > MAX_DEPTH) throw new NotEvaluable('the logic nests too deep');
    switch (node.type) {
      case 'true':
        return [() => true, null];
      case 'false':
        return [() => false, [[]]];
      case 'not': {
        const [inner] = this.compile(node.operand, stage, !inverted, depth + 1);
        return [(scope) => !inner(scope), null];
      }
      case 'and':
      case 'or':
        return this.junction(node.type, node.operands, stage, inverted, depth);
      case 'stage': {
        const target = this.stageAt(node.index);
        if (target.aggregation)
          throw new NotEvaluable(`stage ${target.index} aggregates and cannot be nested`);
        return this.compile(target.logic ?? implicitLogic(target), target, inverted, depth + 1);
      }
      case 'predicate': {
        if (!stage) throw new NotEvaluable('a predicate outside any stage');
        const compiled = this.predicate(stage, node.index, inverted);
        const anchors =
          compiled.anchors && compiled.access
            ? [compiled.anchors.map((literal) => ({ access: compiled.access!, literal }))]
            : null;
        return [compiled.test, anchors];
      }
      case 'term': {
        const term = stage?.terms[node.index];
        if (!term) throw new NotEvaluable(`the logic refers to a term the stage does not have`);
        return [termTest(term, this.query.language), null];
      }
      case 'expression': {
        const value = compileExpression(node.expression, this.resolverOf(stage), this.query.language);
        return [(scope) => truthy(value(scope)), null];
      }
    }
  }

  private junction(
    type: 'and' | 'or',
    operands: Logic[],
    stage: Stage | undefined,
    inverted: boolean,
    depth: number,
  ): [Test, Anchor[][] | null] {
    const parts = operands.map((o) => this.compile(o, stage, inverted, depth + 1));
    const tests = parts.map(([t]) => t);
    // An OR needs one anchor of any operand: its operands' best groups joined into one.
    const anchors =
      type === 'and'
        ? andAnchors(parts.map(([, a]) => a))
        : parts.some(([, a]) => a === null)
          ? null
          : [parts.flatMap(([, a]) => a![0])];
    if (tests.length === 2) {
      const [a, b] = tests;
      return [type === 'and' ? (s) => a(s) && b(s) : (s) => a(s) || b(s), anchors];
    }
    const test: Test =
      type === 'and'
        ? (s) => {
            for (const t of tests) if (!t(s)) return false;
            return true;
          }
        : (s) => {
            for (const t of tests) if (t(s)) return true;
            return false;
          };
    return [test, anchors];
  }
}

/** Compiles `logic` (a query's root or one stage's tree) over the query's stages. */
export function compileLogic(
  query: ParsedQuery,
  logic: Logic,
  resolverOf: StageResolvers,
  stage?: Stage,
): CompiledLogic {
  const compiler = new LogicCompiler(query, resolverOf);
  const [test, anchors] = compiler.compile(logic, stage, false, 0);
  return { test, leaves: compiler.leaves, anchors };
}
