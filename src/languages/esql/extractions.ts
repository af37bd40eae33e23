/**
 * DISSECT and GROK write fields out of a text field with a pattern the model cannot compute: a query whose later
 * commands read those fields is not evaluable on events; one that only shows them is.
 */
import type { Expression, Logic, Stage } from '../../model/stage.js';
import type { Command } from './ast.js';

/** Field names a DISSECT pattern writes: `%{name}`, `%{+name}`, `%{name->}`; `%{?name}` is skipped. */
const DISSECT_KEY = /%\{([^}]*)\}/g;
/** Field names a GROK pattern writes: `%{SYNTAX:name}`, `%{SYNTAX:name:type}`, `(?<name>...)`. */
const GROK_KEY = /%\{[^}:]+:([^}:]+)(?::[^}]*)?\}|\(\?<([A-Za-z0-9_.@]+)>/g;

export function dissectKeys(pattern: string): string[] {
  const keys: string[] = [];
  for (const match of pattern.matchAll(DISSECT_KEY)) {
    const key = match[1].replace(/^[+?*&]/, '').replace(/(->)?(\/\d+)?$/, '');
    if (key && !match[1].startsWith('?')) keys.push(key);
  }
  return keys;
}

export function grokKeys(pattern: string): string[] {
  return [...pattern.matchAll(GROK_KEY)].map((m) => m[1] ?? m[2]).filter(Boolean);
}

function expressionFields(expr: Expression, into: Set<string>): void {
  if (expr.type === 'field') into.add(expr.name);
  else if (expr.type === 'list') for (const item of expr.items) expressionFields(item, into);
  else if (expr.type === 'call') for (const arg of expr.args) expressionFields(arg, into);
}

function logicFields(node: Logic | undefined, into: Set<string>): void {
  if (!node) return;
  if (node.type === 'expression') expressionFields(node.expression, into);
  else if (node.type === 'not') logicFields(node.operand, into);
  else if (node.type === 'and' || node.type === 'or') for (const o of node.operands) logicFields(o, into);
}

/** The fields a stage reads to decide or compute anything: its predicates, expressions and group keys. */
function fieldsRead(stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const p of stage.predicates) if (p.field) out.add(p.field);
  logicFields(stage.logic, out);
  for (const a of stage.assignments ?? []) expressionFields(a.expression, out);
  for (const key of stage.aggregation?.groupBy ?? []) out.add(key);
  for (const m of stage.aggregation?.measures ?? []) if (m.field) out.add(m.field);
  return out;
}

/** Marks each DISSECT or GROK stage whose fields a later stage reads as not evaluable. */
export function extractionsRead(commands: Command[], stages: Stage[]): void {
  commands.forEach((command, index) => {
    if (command.name !== 'dissect' && command.name !== 'grok') return;
    const keys = command.patterns.flatMap(command.name === 'dissect' ? dissectKeys : grokKeys);
    const read = stages.slice(index + 1).find((later) => {
      const fields = fieldsRead(later);
      return keys.some((key) => fields.has(key));
    });
    if (read)
      stages[index].notEvaluable =
        `The ${command.name} stage cannot be evaluated on events: the ${read.kind} stage reads fields it extracts with a pattern.`;
  });
}
