/**
 * DISSECT and GROK write fields out of a text field. A DISSECT pattern is a regular expression with a group per
 * key, so its fields are computed columns (`extract`); a GROK pattern names a library of patterns the model does
 * not have: a query whose later commands read its fields is not evaluable on events, one that only shows them is.
 */
import type { Assignment, Expression, Logic, Stage } from '../../model/stage.js';
import { escapeRegex } from '../../text/regex.js';
import type { Command } from './ast.js';
import { toExpression } from './model-expression.js';
import { expressionFields } from '../kit/expression-fields.js';

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

/**
 * A DISSECT pattern as one anchored regular expression: each key a lazy group (the last one greedy), the text
 * between them literal, `->` letting the delimiter after a key repeat. Undefined for appending keys (`%{+k}`).
 */
function dissectRegex(pattern: string): { source: string; keys: Array<string | undefined> } | undefined {
  const keys: Array<string | undefined> = [];
  let source = '^';
  let at = 0;
  let padded = false;
  for (const match of pattern.matchAll(DISSECT_KEY)) {
    const literal = pattern.slice(at, match.index);
    if (literal) source += padded ? `(?:${escapeRegex(literal)})+` : escapeRegex(literal);
    const key = match[1];
    if (key.startsWith('+') || key.startsWith('*') || key.startsWith('&')) return undefined;
    padded = key.endsWith('->');
    const name = key.replace(/^\?/, '').replace(/->$/, '');
    keys.push(key.startsWith('?') || name === '' ? undefined : name);
    at = match.index + match[0].length;
    source += at === pattern.length ? '(.*)' : '(.*?)';
  }
  const rest = pattern.slice(at);
  if (rest) source += padded ? `(?:${escapeRegex(rest)})+` : escapeRegex(rest);
  return { source: `${source}$`, keys };
}

/** DISSECT's fields as computed columns: `extract(input, regex, group)` per stored key. */
export function dissectAssignments(command: Command): Assignment[] | undefined {
  const input = command.expressions[0];
  if (!input || command.patterns.length !== 1 || command.assignments.length) return undefined;
  const regex = dissectRegex(command.patterns[0]);
  if (!regex) return undefined;
  const value = toExpression(input);
  const pattern: Expression = { type: 'literal', value: regex.source };
  return regex.keys.flatMap((key, i) =>
    key
      ? [
          {
            field: key,
            expression: {
              type: 'call',
              name: 'extract',
              args: [value, pattern, { type: 'literal', value: i + 1 }],
            },
          },
        ]
      : [],
  );
}

/** Marks each DISSECT or GROK stage whose fields a later stage reads as not evaluable. */
export function extractionsRead(commands: Command[], stages: Stage[]): void {
  commands.forEach((command, index) => {
    if ((command.name !== 'dissect' && command.name !== 'grok') || stages[index].assignments) return;
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
