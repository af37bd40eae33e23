/** Lowers a parsed Kusto script to model stages: lets, tables, operators and their sub-queries, with predicates. */
import { sourceStage } from '../stage.js';
import type { DataSourceRef, Stage } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import type { Expr, LetStatement, Operator, PipeExpr, Script, Statement } from './ast.js';
import { lowerFilter } from './filter.js';
import { lowerJoin } from './join.js';
import { columnsOf, resolveValues, type LetEnvironment } from './lets.js';
import { applyOperator } from './operator-semantics.js';
import type { PredicateContext } from './predicates.js';
import { pruneUnreachable, stagesLogic } from './reach.js';

/** A lowered pipeline: the table its rows come from, and its own stages in order (the ones its logic ANDs). */
interface Pipeline {
  scope: string | undefined;
  stages: number[];
}

export interface Lowered {
  stages: Stage[];
  dataSources: DataSourceRef[];
  unresolved: string[];
}

/** Calls that name or wrap a table rather than invoke a user function. */
const TABLE_CALLS = new Set([
  'table',
  'materialize',
  'view',
  'database',
  'cluster',
  'arg',
  'externaldata',
  'toscalar',
  'workspace',
  'app',
  'adx',
]);

/** Operators whose first argument is a filter. */
const FILTERS = new Set(['where', 'filter', 'search', 'find']);

export function lowerScript(script: Script, text: string, locator: Locator): Lowered {
  const lowering = new Lowering(text, locator);
  let queries = 0;
  for (const statement of script.statements) if (lowering.statement(statement, undefined)) queries++;
  const last = lowering.stages.filter((s) => s.parent === undefined).at(-1);
  if (queries === 0 && last)
    last.notEvaluable = 'The script only defines names (let): no query reads events.';
  pruneUnreachable(lowering.stages);
  return {
    stages: lowering.stages,
    dataSources: [...lowering.tables.values()],
    unresolved: [...lowering.unresolved],
  };
}

class Lowering {
  readonly stages: Stage[] = [];
  readonly tables = new Map<string, DataSourceRef>();
  readonly unresolved = new Set<string>();
  readonly env: LetEnvironment = new Map();
  /** Columns computed by `extend`, and the columns they read. */
  private readonly derived = new Map<string, string[]>();
  /** The lookback the filters lowered so far state (`Timestamp > ago(1d)`), which windows a later aggregation. */
  private lookbackMs: number | undefined;

  constructor(
    private readonly text: string,
    private readonly locator: Locator,
  ) {}

  /** Lowers a statement; a query statement gives its pipeline. */
  statement(statement: Statement, parent: number | undefined): Pipeline | undefined {
    if (statement.type === 'let') this.let(statement, parent);
    else if (statement.type === 'query') return this.pipe(statement.expr, parent);
    else for (const name of statement.names) this.env.set(name, { tabular: false });
    return undefined;
  }

  private addStage(
    kind: string,
    start: number,
    end: number,
    parent: number | undefined,
    name?: string,
  ): Stage {
    const stage = sourceStage({
      index: this.stages.length,
      kind,
      text: this.text,
      locator: this.locator,
      start,
      end,
      name,
      parent,
    });
    this.stages.push(stage);
    return stage;
  }

  private let(statement: LetStatement, parent: number | undefined): void {
    const stage = this.addStage('let', statement.start, statement.end, parent, statement.name);
    const { value } = statement;
    if (value.type === 'function') {
      this.env.set(statement.name, { tabular: true, isFunction: true });
      for (const param of value.params) this.env.set(param, { tabular: true });
      let body: Pipeline | undefined;
      for (const inner of value.body) body = this.statement(inner, stage.index) ?? body;
      // A function without parameters is its body's query; with parameters, its rows depend on the call.
      if (body && value.params.length === 0)
        this.env.set(statement.name, {
          tabular: true,
          isFunction: true,
          table: body.scope,
          stages: body.stages,
          notEvaluable: this.reasonOf(body.stages),
        });
      return;
    }
    const values = resolveValues(value, this.env);
    if (values) {
      this.env.set(statement.name, { values, tabular: false });
      return;
    }
    if (isTabular(value, this.env)) {
      const pipeline = this.pipe(value, stage.index);
      this.env.set(statement.name, {
        tabular: true,
        table: pipeline.scope,
        stages: pipeline.stages,
        notEvaluable: this.reasonOf(pipeline.stages),
      });
      return;
    }
    this.env.set(statement.name, { tabular: false });
    this.nestedPipes(value, stage.index);
  }

  /** The first reason a stage of `stages` (or a stage under them) gives for not being evaluable. */
  private reasonOf(stages: number[]): string | undefined {
    for (const stage of this.stages)
      if (stage.notEvaluable && (stages.includes(stage.index) || this.isUnder(stage, stages)))
        return stage.notEvaluable;
    return undefined;
  }

  private isUnder(stage: Stage, roots: number[]): boolean {
    for (let p = stage.parent; p !== undefined; p = this.stages[p].parent) if (roots.includes(p)) return true;
    return false;
  }

  /** Lowers a tabular expression: the table its rows come from, when there is one, and its stages. */
  pipe(expr: Expr, parent: number | undefined): Pipeline {
    const pipeline: Pipeline = { scope: undefined, stages: [] };
    if (expr.type !== 'pipe') {
      pipeline.scope = this.source(expr, parent, pipeline);
      return pipeline;
    }
    pipeline.scope =
      expr.source.type === 'operator'
        ? this.operator(expr.source, undefined, parent, pipeline)
        : this.source(expr.source, parent, pipeline);
    for (const op of expr.operators) pipeline.scope = this.operator(op, pipeline.scope, parent, pipeline);
    return pipeline;
  }

  /** The first stage of a pipeline: a table, a let, a function call, or a parenthesised pipeline. */
  private source(expr: Expr, parent: number | undefined, pipeline: Pipeline): string | undefined {
    if (expr.type === 'pipe') {
      const inner = this.pipe(expr, parent);
      pipeline.stages.push(...inner.stages);
      return inner.scope;
    }
    // The parser's stand-in for a missing source (`| where ...`): its error says so, no stage to show.
    if (expr.type === 'literal' && expr.text === '') return undefined;
    const stage = this.addStage('table', expr.start, expr.end, parent);
    pipeline.stages.push(stage.index);
    // materialize(T | ...), view () {...}: the rows come from the wrapped pipeline.
    const wrapped =
      expr.type === 'call' && TABLE_CALLS.has(expr.name.toLowerCase())
        ? expr.args.find((a) => a.type === 'pipe')
        : undefined;
    if (wrapped) {
      const inner = this.pipe(wrapped, stage.index);
      stage.logic = stagesLogic(inner.stages);
      return inner.scope;
    }
    const table = this.tableOf(expr, stage);
    this.nestedPipes(expr, stage.index);
    return table;
  }

  /** The table a source expression names, registering it as a data source unless a let defines it. */
  private tableOf(expr: Expr, stage: Stage): string | undefined {
    if (expr.type === 'name') {
      const bound = this.env.get(expr.name);
      if (bound) {
        // A query on a let stands for the let's pipeline.
        if (bound.stages?.length) stage.logic = stagesLogic(bound.stages);
        if (bound.notEvaluable) stage.notEvaluable = bound.notEvaluable;
        else if (!bound.isFunction && !bound.tabular)
          stage.notEvaluable = `The query reads ${expr.name}, which is not a table of events.`;
        return bound.table;
      }
      return this.addTable(expr.name);
    }
    if (expr.type === 'member') return this.addTable(expr.name);
    if (expr.type === 'binary' && expr.op === '*') {
      // `union Device*Events`: a wildcard over table names, not a product.
      const pattern = this.text.slice(expr.start, expr.end).replace(/\s+/g, '');
      return /^[A-Za-z_][\w*]*$/.test(pattern) ? this.addTable(pattern) : undefined;
    }
    if (expr.type === 'call') {
      const name = expr.name.toLowerCase();
      if (name === 'table' && expr.args[0]?.type === 'string') return this.addTable(expr.args[0].value);
      const bound = this.env.get(expr.name);
      if (bound) {
        if (bound.stages?.length && expr.args.length === 0) stage.logic = stagesLogic(bound.stages);
        else
          stage.notEvaluable = `The query reads the rows of the function ${expr.name}(), whose rows depend on its arguments.`;
        return bound.table;
      }
      if (!TABLE_CALLS.has(name)) {
        this.unresolved.add(expr.name);
        stage.notEvaluable = `The query reads ${expr.name}(), a function the query does not define.`;
      }
      const inner = expr.args.find((a) => a.type === 'pipe' || a.type === 'name');
      return inner?.type === 'name' ? this.tableOf(inner, stage) : undefined;
    }
    return undefined;
  }

  private addTable(name: string): string {
    if (!this.tables.has(name)) this.tables.set(name, { type: 'datasource', kind: 'table', value: name });
    return name;
  }

  /** One operator as a stage, with its filter and its sub-queries; returns the scope it leaves. */
  private operator(
    op: Operator,
    scope: string | undefined,
    parent: number | undefined,
    pipeline: Pipeline,
  ): string | undefined {
    if (!op.name) return scope;
    const stage = this.addStage(op.name, op.start, op.end, parent);
    const legs = op.tables.map((t) => this.leg(t, scope, stage.index));
    if (FILTERS.has(op.name) && op.args[0])
      this.filter(op.args[0], stage, legs.length === 1 ? legs[0].scope : scope);
    else for (const arg of op.args) this.nestedPipes(arg, stage.index);
    if (op.name === 'extend') this.recordDerived(op);
    applyOperator(op, stage, { env: this.env, text: this.text, lookbackMs: this.lookbackMs });
    if (op.name === 'union') {
      // The rows before the union are one more leg: `T | union U` is `union T, U`.
      const before = pipeline.stages.splice(0);
      const alternatives = [...(before.length ? [before] : []), ...legs.map((l) => l.stages)];
      stage.logic = { type: 'or', operands: alternatives.map(stagesLogic) };
    }
    if (op.name === 'join') lowerJoin(op, stage, pipeline.stages, legs[0]?.stages ?? [], this.lookbackMs);
    pipeline.stages.push(stage.index);
    if (scope === undefined && (op.name === 'union' || op.name === 'search' || op.name === 'find')) {
      const distinct = [...new Set(legs.map((l) => l.scope))];
      return distinct.length === 1 ? distinct[0] : undefined;
    }
    return scope;
  }

  /** A join or union leg, a `search in` table, or an `mv-apply` body. */
  private leg(expr: Expr, scope: string | undefined, parent: number): Pipeline {
    if (expr.type === 'pipe' && expr.source.type === 'operator') {
      // Bodies of mv-apply, partition and fork filter the enclosing rows: same scope.
      const body: Pipeline = { scope, stages: [] };
      this.operator(expr.source, scope, parent, body);
      for (const inner of expr.operators) this.operator(inner, scope, parent, body);
      return body;
    }
    return this.pipe(expr, parent);
  }

  private recordDerived(op: Operator): void {
    for (const arg of op.args) {
      if (arg.type !== 'assign') continue;
      const columns = columnsOf(arg.value, this.env);
      for (const name of arg.names)
        if (name && columns.length && !columns.includes(name)) this.derived.set(name, columns);
    }
  }

  private filter(expr: Expr, stage: Stage, scope: string | undefined): void {
    const ctx: PredicateContext = {
      env: this.env,
      scope,
      derived: this.derived,
      text: this.text,
      span: (start, end) => this.locator.span(start, end),
      unresolved: this.unresolved,
      subquery: (sub: PipeExpr) => void this.pipe(sub, stage.index),
    };
    const { predicates, terms, logic, notEvaluable, lookbackMs } = lowerFilter(expr, ctx);
    stage.predicates.push(...predicates);
    stage.logic = logic;
    if (notEvaluable)
      stage.notEvaluable = `The ${stage.kind} stage cannot be evaluated on events: ${notEvaluable}.`;
    if (lookbackMs) this.lookbackMs = Math.max(this.lookbackMs ?? 0, lookbackMs);
    for (const t of terms) {
      stage.terms.push({
        type: 'term',
        value: t.value,
        stage: stage.index,
        quoted: t.quoted,
        negated: t.negated,
        span: this.locator.span(t.start, t.end),
      });
    }
  }

  /** Tabular expressions inside scalar ones (`toscalar(T | ...)`, `materialize(...)`) become stages under `parent`. */
  private nestedPipes(expr: Expr, parent: number): void {
    forEachChild(expr, (child) => {
      if (child.type === 'pipe') this.pipe(child, parent);
      else this.nestedPipes(child, parent);
    });
  }
}

function isTabular(expr: Expr, env: LetEnvironment): boolean {
  if (expr.type === 'pipe') return true;
  if (expr.type === 'name') return env.get(expr.name)?.tabular ?? /^[A-Z_]/.test(expr.name);
  if (expr.type === 'member') return true;
  if (expr.type === 'call')
    return (
      ['table', 'materialize', 'view', 'externaldata'].includes(expr.name.toLowerCase()) ||
      Boolean(env.get(expr.name)?.tabular)
    );
  return false;
}

function forEachChild(expr: Expr, visit: (child: Expr) => void): void {
  switch (expr.type) {
    case 'call':
      expr.args.forEach(visit);
      break;
    case 'list':
      expr.items.forEach(visit);
      break;
    case 'binary':
      visit(expr.left);
      visit(expr.right);
      break;
    case 'unary':
      visit(expr.operand);
      break;
    case 'between':
      visit(expr.operand);
      visit(expr.low);
      visit(expr.high);
      break;
    case 'assign':
      visit(expr.value);
      break;
    case 'member':
    case 'index':
      visit(expr.object);
      break;
    default:
      break;
  }
}
