/** What `let` names stand for, and the literal values an expression resolves to through them. */
import type { Expr } from './ast.js';

export interface LetBinding {
  /** Literal values when the let is a scalar or a list (`dynamic([...])`, `array_concat(a, b)`). */
  values?: string[];
  /** The let is a tabular expression (or a function); `table` is the table it reads, when known. */
  tabular: boolean;
  table?: string;
  /** A user function: calling it is resolved. */
  isFunction?: boolean;
  /** The stages of a tabular let's pipeline, which a query reading the let stands for. */
  stages?: number[];
  /** Why the let's rows cannot be computed from events (external data, a plugin). */
  notEvaluable?: string;
}

export type LetEnvironment = Map<string, LetBinding>;

/** List functions whose result is the concatenation of their arguments' values. */
const LIST_FUNCTIONS = new Set([
  'dynamic',
  'pack_array',
  'array_concat',
  'set_union',
  'make_list',
  'todynamic',
]);

/**
 * The literal values of an expression: strings unescaped, numbers and other literals as written,
 * lists flattened, let names replaced by their values. Undefined when it is not a literal list.
 */
export function resolveValues(expr: Expr, env: LetEnvironment): string[] | undefined {
  switch (expr.type) {
    case 'string':
      return [expr.value];
    case 'literal':
      return expr.text === 'null' ? [] : [expr.text];
    case 'list':
      return resolveAll(expr.items, env);
    case 'name':
      return env.get(expr.name)?.values;
    case 'unary':
      if (expr.op !== '-' || expr.operand.type !== 'literal') return undefined;
      return [`-${expr.operand.text}`];
    case 'call': {
      const number = numberConversion(expr);
      if (number !== undefined) return [number];
      if (!LIST_FUNCTIONS.has(expr.name.toLowerCase())) return undefined;
      const values = resolveAll(expr.args, env);
      return values && expr.name === 'set_union' ? [...new Set(values)] : values;
    }
    default:
      return undefined;
  }
}

/** Functions that only turn a literal into a number: `long(0xf090013d)` is 4036755773. */
const NUMBER_CONVERSIONS = new Set([
  'long',
  'int',
  'tolong',
  'toint',
  'real',
  'toreal',
  'todouble',
  'double',
]);

function numberConversion(expr: Expr & { type: 'call' }): string | undefined {
  const [arg] = expr.args;
  if (!NUMBER_CONVERSIONS.has(expr.name.toLowerCase()) || expr.args.length !== 1 || arg.type !== 'literal')
    return undefined;
  const n = Number(arg.text);
  return arg.text !== '' && Number.isFinite(n) ? String(n) : undefined;
}

function resolveAll(items: Expr[], env: LetEnvironment): string[] | undefined {
  const out: string[] = [];
  for (const item of items) {
    const values = resolveValues(item, env);
    if (!values) return undefined;
    out.push(...values);
  }
  return out;
}

/** Column names an expression reads (`tolower(A)` reads `A`), leaving out function names and lets. */
export function columnsOf(expr: Expr, env: LetEnvironment, out: string[] = []): string[] {
  switch (expr.type) {
    case 'name':
      if (!env.has(expr.name) && !out.includes(expr.name)) out.push(expr.name);
      break;
    case 'member':
    case 'index':
      columnsOf(expr.object, env, out);
      break;
    case 'call':
      for (const a of expr.args) columnsOf(a, env, out);
      break;
    case 'unary':
      columnsOf(expr.operand, env, out);
      break;
    case 'binary':
      columnsOf(expr.left, env, out);
      columnsOf(expr.right, env, out);
      break;
    case 'list':
      for (const item of expr.items) columnsOf(item, env, out);
      break;
    default:
      break;
  }
  return out;
}

/** Calls that read a column as the dynamic value it holds: a path into them is a path into the column. */
const DYNAMIC = new Set(['parse_json', 'todynamic', 'parsejson']);

/**
 * The dotted path a column reference names (`A`, `A.b`, `A["b"]`, `parse_json(A).b` are `A`, `A.b`, `A.b`,
 * `A.b`): events keep nested values under dotted names. Undefined for anything else, such as `f(A).b`.
 */
export function columnPath(expr: Expr): string | undefined {
  if (expr.type === 'name') return expr.name;
  if (expr.type === 'member') {
    const object = columnPath(expr.object);
    return object === undefined ? undefined : `${object}.${expr.name}`;
  }
  if (expr.type === 'index') {
    const object = columnPath(expr.object);
    return object === undefined || expr.index.type !== 'string' ? undefined : `${object}.${expr.index.value}`;
  }
  if (expr.type === 'call' && DYNAMIC.has(expr.name.toLowerCase()) && expr.args.length === 1)
    return columnPath(expr.args[0]);
  return undefined;
}

/** A column reference (`A`, `A.b`, `A["b"]`, `parse_json(A).b`) rather than a value. */
export function isColumnLike(expr: Expr): boolean {
  return expr.type !== 'call' && columnPath(expr) !== undefined;
}
