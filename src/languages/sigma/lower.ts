/**
 * Lowers a Sigma detection to stages: one `condition` stage per condition, then one stage per detection
 * item in file order. The seed page names stages by the item (`Stage 1: selection`), which the stage's
 * `name` carries; `kind` says the item's role: `selection` when the condition uses it positively, `filter`
 * when only under `not` — then its predicates are negated, as the item's effective polarity in the rule.
 */
import { lookupTable } from '../../text/lookup.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Op, Predicate } from '../../model/predicate.js';
import type { Span } from '../../model/span.js';
import type { Logic, Stage } from '../../model/stage.js';
import { describeToken } from '../../text/diagnostics.js';
import { languageDiagnostic } from '../kit/problem.js';
import type { Locator } from '../../text/locator.js';
import type { Aggregation, Condition, ConditionNode, DetectionItem } from './ast.js';
import type { ConditionSource, DetectionRead } from './detection.js';
import { aggregationOf, conditionLogic, globMatch } from './condition-logic.js';
import { join } from './item-logic.js';
import { parseCondition } from './parser.js';

interface Usage {
  positive: boolean;
  negative: boolean;
}

/** How the conditions use each item, and the problems found resolving their names. */
class UsageMap {
  readonly uses = new Map<string, Usage>();

  constructor(
    private readonly names: readonly string[],
    private readonly diagnostics: Diagnostic[],
  ) {}

  visit(node: ConditionNode | undefined, negated: boolean, locator: Locator): void {
    if (!node) return;
    switch (node.kind) {
      case 'not':
        return this.visit(node.operand, !negated, locator);
      case 'and':
      case 'or':
        for (const o of node.operands) this.visit(o, negated, locator);
        return;
      case 'name':
        return this.useName(node.name, negated, locator.span(node.start, node.end));
      case 'quantified':
        return this.usePattern(
          node.them ? undefined : node.target,
          negated,
          locator.span(node.start, node.end),
        );
    }
  }

  private useName(name: string, negated: boolean, span: Span): void {
    if (!this.names.includes(name)) {
      const message = `Unexpected ${describeToken(name)}, expected the name of a detection item (${this.names.join(', ') || 'none defined'})`;
      this.diagnostics.push(languageDiagnostic('sigma', 'undefined-name', 'error', message, span));
      return;
    }
    this.mark(name, negated);
  }

  /** `them` (no pattern) means every item whose name does not start with `_`, as Sigma defines it. */
  private usePattern(pattern: string | undefined, negated: boolean, span: Span): void {
    const matched = this.names.filter((n) =>
      pattern === undefined ? !n.startsWith('_') : globMatch(pattern, n),
    );
    if (matched.length === 0) {
      this.diagnostics.push(
        languageDiagnostic(
          'sigma',
          'undefined-name',
          'warning',
          `Unexpected pattern ${describeToken(pattern ?? 'them')}, expected it to match a detection item`,
          span,
        ),
      );
    }
    for (const name of matched) this.mark(name, negated);
  }

  private mark(name: string, negated: boolean): void {
    const use = this.uses.get(name) ?? { positive: false, negative: false };
    if (negated) use.negative = true;
    else use.positive = true;
    this.uses.set(name, use);
  }
}

const COMPARISON_OPS: Readonly<Record<string, { op: Op; negated: boolean }>> = lookupTable({
  '>': { op: 'gt', negated: false },
  '>=': { op: 'gte', negated: false },
  '<': { op: 'lt', negated: false },
  '<=': { op: 'lte', negated: false },
  '=': { op: 'eq', negated: false },
  '==': { op: 'eq', negated: false },
  '!=': { op: 'eq', negated: true },
});

/** `| count(User) by Host > 10` as a predicate on the computed `count(User)`. */
function aggregationPredicates(aggregation: Aggregation | undefined, locator: Locator): Predicate[] {
  if (!aggregation?.comparison) return [];
  const { op, negated } = COMPARISON_OPS[aggregation.comparison.op];
  const p: Predicate = {
    type: 'predicate',
    field: `${aggregation.function}(${aggregation.field ?? ''})`,
    op,
    values: [aggregation.comparison.value],
    negated,
    caseSensitive: false,
    all: false,
    span: locator.span(aggregation.start, aggregation.end),
  };
  if (aggregation.field) p.derivedFrom = [aggregation.field];
  return [p];
}

function conditionStage(
  source: ConditionSource,
  index: number,
  condition: Condition,
  logic: Logic,
  timeframe: string | undefined,
): Stage {
  const predicates = aggregationPredicates(condition.aggregation, source.locator);
  const stage: Stage = {
    type: 'stage',
    index,
    kind: 'condition',
    text: source.stageText,
    span: source.span,
    predicates,
    terms: [],
    logic,
  };
  if (condition.aggregation) stage.aggregation = aggregationOf(condition.aggregation, predicates, timeframe);
  return stage;
}

function itemStage(
  item: DetectionItem,
  index: number,
  use: Usage | undefined,
  diagnostics: Diagnostic[],
): Stage {
  const negative = use !== undefined && use.negative && !use.positive;
  if (use?.negative && use.positive) {
    const message = `Detection item ${describeToken(item.name)} is used both with and without "not"; its predicates are shown positive`;
    diagnostics.push(languageDiagnostic('sigma', 'unsupported', 'info', message, item.keySpan));
  }
  return {
    type: 'stage',
    index,
    kind: negative ? 'filter' : 'selection',
    name: item.name,
    text: item.text,
    span: item.span,
    predicates: item.predicates.map((p) => (negative ? { ...p, negated: !p.negated } : p)),
    terms: item.terms.map((t) => ({ ...t, stage: index, negated: negative ? !t.negated : t.negated })),
    logic: item.logic,
  };
}

/** Stages of a detection; `at` is where to report a missing condition. */
export function lowerDetection(read: DetectionRead, diagnostics: Diagnostic[], at: Span): Stage[] {
  if (read.conditions.length === 0 && !read.conditionKey) {
    diagnostics.push(
      languageDiagnostic(
        'sigma',
        'missing-part',
        'error',
        'Unexpected end of detection, expected a "condition"',
        at,
      ),
    );
  }
  const usage = new UsageMap(
    read.items.map((i) => i.name),
    diagnostics,
  );
  const stages: Stage[] = [];
  // Items follow the condition stages, so an item's stage index is known before the conditions are lowered.
  const itemStages = new Map(read.items.map((item, i) => [item.name, read.conditions.length + i]));
  for (const source of read.conditions) {
    const { condition, errors } = parseCondition(source.text);
    for (const e of errors)
      diagnostics.push(
        languageDiagnostic(
          'sigma',
          e.kind ?? 'unexpected-token',
          'error',
          e.message,
          source.locator.span(e.start, e.end),
        ),
      );
    usage.visit(condition.expression, false, source.locator);
    usage.visit(condition.aggregation?.near, false, source.locator);
    const logic = conditionLogic(condition.expression, itemStages);
    stages.push(conditionStage(source, stages.length, condition, logic, read.timeframe));
  }
  for (const item of read.items)
    stages.push(itemStage(item, stages.length, usage.uses.get(item.name), diagnostics));
  return stages;
}

/** A rule matches when any of its conditions (or its correlation) does: Sigma's list of conditions is an `or`. */
export function queryLogic(stages: readonly Stage[]): Logic {
  const roots = stages.filter((s) => s.kind === 'condition' || s.kind === 'correlation');
  return join(
    'or',
    roots.map((s): Logic => ({ type: 'stage', index: s.index })),
  );
}
