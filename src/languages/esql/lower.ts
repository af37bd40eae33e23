/**
 * Lowers ES|QL commands to stages, one per command: WHERE conditions become predicates; EVAL and STATS columns
 * (CASE branches, an aggregate's `WHERE`) are computed, not filters; FROM indices become data sources; computed
 * fields remember what they derive from.
 */
import { sourceStage } from '../stage.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { DataSourceRef, Stage } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import type { Assignment, Command, Expr } from './ast.js';
import { statsAggregation } from './aggregation.js';
import { lowerCondition, type ConditionContext, type Derivation } from './conditions.js';
import { dissectAssignments, dissectKeys, extractionsRead, grokKeys } from './extractions.js';
import { toExpression } from './model-expression.js';

const BOOLEAN_KINDS = new Set(['not', 'in', 'like', 'rlike', 'isnull', 'match']);
const BOOLEAN_OPS = new Set(['and', 'or', '==', '!=', '=~', '<', '<=', '>', '>=']);

export interface EsqlLowering {
  stages: Stage[];
  dataSources: DataSourceRef[];
  /** Problems in queries embedded with `KQL(...)` or `QSTR(...)`. */
  diagnostics: Diagnostic[];
}

export function lowerEsql(commands: Command[], text: string, locator: Locator): EsqlLowering {
  const derived = new Map<string, Derivation>();
  const dataSources: DataSourceRef[] = [];
  const diagnostics: Diagnostic[] = [];
  const stages = commands.map((command, index) => {
    const stage = sourceStage({
      index,
      kind: command.name,
      text,
      locator,
      start: command.start,
      end: command.end,
    });
    const ctx: ConditionContext = {
      text,
      locator,
      derived,
      stage: index,
      predicates: stage.predicates,
      terms: stage.terms,
      diagnostics,
    };
    lowerCommand(command, stage, ctx);
    // A LOOKUP JOIN's conditions are shown as predicates; they do not filter the rows.
    if (!stage.logic && stage.predicates.length + stage.terms.length > 0) stage.logic = { type: 'true' };
    if (command.name === 'from' || command.name === 'ts') {
      for (const source of command.sources) {
        if (!dataSources.some((d) => d.value === source.name))
          dataSources.push({ type: 'datasource', kind: 'index', value: source.name });
      }
    }
    return stage;
  });
  extractionsRead(commands, stages);
  return { stages, dataSources, diagnostics };
}

/** Commands whose rows are not computed from the events, and why. */
const NOT_EVALUABLE: Readonly<Record<string, string>> = {
  row: 'it makes rows of literal values, not events (ROW)',
  show: 'it shows facts about the cluster, not events (SHOW)',
  enrich: 'it adds fields from an enrich policy (ENRICH)',
  'lookup join': 'it joins rows of a lookup index (LOOKUP JOIN)',
  'inline stats': 'it adds group aggregates to each row (INLINE STATS)',
  completion: 'it asks a language model for a completion (COMPLETION)',
};

/** Commands that keep, cut, order or rename the rows without changing whether an event's row is there. */
const ROW_PRESERVING = new Set([
  'from',
  'ts',
  'where',
  'eval',
  'stats',
  'keep',
  'drop',
  'rename',
  'sort',
  'limit',
  'mv_expand',
  'dissect',
  'grok',
]);

function modelAssignments(assignments: Assignment[]): Stage['assignments'] {
  const out = assignments
    .filter((a) => a.name !== null)
    .map((a) => ({ field: a.name!, expression: toExpression(a.expr) }));
  return out.length ? out : undefined;
}

function lowerCommand(command: Command, stage: Stage, ctx: ConditionContext): void {
  if (Object.hasOwn(NOT_EVALUABLE, command.name))
    stage.notEvaluable = `The ${command.name} stage cannot be evaluated on events: ${NOT_EVALUABLE[command.name]}.`;
  else if (!ROW_PRESERVING.has(command.name))
    stage.notEvaluable = `The ${command.name} command is not evaluated on events.`;
  switch (command.name) {
    case 'where':
      if (command.condition) stage.logic = lowerCondition(command.condition, false, ctx);
      return;
    case 'from':
    case 'ts':
      return;
    case 'eval':
    case 'row':
    case 'inline stats':
      for (const assignment of [...command.assignments, ...command.groups]) lowerAssignment(assignment, ctx);
      stage.assignments = modelAssignments(command.assignments);
      return;
    case 'stats': {
      for (const assignment of [...command.assignments, ...command.groups]) lowerAssignment(assignment, ctx);
      const stats = statsAggregation(command, ctx.text);
      stage.aggregation = stats.aggregation;
      if (stats.assignments.length) stage.assignments = stats.assignments;
      if (stats.notEvaluable) stage.notEvaluable = stats.notEvaluable;
      return;
    }
    case 'rename':
      for (const { name, expr } of command.assignments)
        if (name) ctx.derived.set(name, derivation(expr, ctx.derived));
      stage.assignments = modelAssignments(command.assignments);
      return;
    case 'dissect':
      stage.assignments = dissectAssignments(command);
      return deriveExtracted(command, ctx.derived);
    case 'grok':
      return deriveExtracted(command, ctx.derived);
    case 'lookup join':
      for (const expr of command.expressions) if (isCondition(expr)) lowerCondition(expr, false, ctx);
  }
}

/**
 * A computed column (`EVAL x = CASE(...)`, `c = COUNT(*) WHERE ...` in STATS) filters no row: its conditions are
 * no predicates, and the engine reads it from the stage's assignments or measures. What the name derives from.
 */
function lowerAssignment(assignment: Assignment, ctx: ConditionContext): void {
  if (assignment.name) ctx.derived.set(assignment.name, derivation(assignment.expr, ctx.derived));
}

function isCondition(expr: Expr): boolean {
  return BOOLEAN_KINDS.has(expr.kind) || (expr.kind === 'binary' && BOOLEAN_OPS.has(expr.op));
}

function forEachChild(expr: Expr, visit: (child: Expr) => void): void {
  switch (expr.kind) {
    case 'call':
      return expr.args.forEach(visit);
    case 'binary':
      visit(expr.left);
      return visit(expr.right);
    case 'not':
    case 'neg':
    case 'cast':
    case 'isnull':
      return visit(expr.operand);
    case 'in':
      visit(expr.operand);
      return expr.list.forEach(visit);
    case 'like':
    case 'rlike':
      return visit(expr.operand);
    case 'match':
      return visit(expr.operand);
    case 'list':
    case 'map':
      return expr.items.forEach(visit);
  }
}

/** The source fields an expression reads, through fields derived earlier; case-folded when it is TO_LOWER/TO_UPPER. */
function derivation(expr: Expr, derived: Map<string, Derivation>): Derivation {
  const fields = new Set<string>();
  const collect = (e: Expr): void => {
    if (e.kind === 'field' && e.name !== '*') {
      for (const source of derived.get(e.name)?.fields ?? [e.name]) fields.add(source);
    } else forEachChild(e, collect);
  };
  collect(expr);
  const caseInsensitive = expr.kind === 'call' && (expr.name === 'to_lower' || expr.name === 'to_upper');
  return { fields: [...fields], caseInsensitive };
}

/** DISSECT and GROK write new fields out of their input field. */
function deriveExtracted(command: Command, derived: Map<string, Derivation>): void {
  const input = command.expressions[0];
  if (!input) return;
  const source = derivation(input, derived);
  for (const pattern of command.patterns) {
    const keys = command.name === 'dissect' ? dissectKeys(pattern) : grokKeys(pattern);
    for (const key of keys) derived.set(key, { fields: source.fields, caseInsensitive: false });
  }
}
