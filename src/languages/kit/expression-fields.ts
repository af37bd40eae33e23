/** The fields a model expression reads, shared by the languages that lower computed values. */
import type { Expression } from '../../model/stage.js';

/** Fields an expression reads, first seen first. */
export function expressionFields(expression: Expression, into: Set<string> = new Set()): Set<string> {
  if (expression.type === 'field') into.add(expression.name);
  else if (expression.type === 'list') expression.items.forEach((i) => expressionFields(i, into));
  else if (expression.type === 'call') expression.args.forEach((a) => expressionFields(a, into));
  return into;
}
