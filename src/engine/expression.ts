/** A model expression compiled once into a function of the event: computed columns and expression leaves. */
import type { EventValue } from '../model/event.js';
import type { Expression } from '../model/stage.js';
import { VALUE_FUNCTIONS, truthy, type Value } from './expression-functions.js';
import type { EventScope, FieldResolver } from './fields.js';
import { NotEvaluable } from './not-evaluable.js';

export type Evaluator = (scope: EventScope) => Value;

const MAX_DEPTH = 64;

function fieldValue(values: { raw: string[] } | null): Value {
  if (!values) return null;
  return values.raw.length === 1 ? values.raw[0] : values.raw;
}

/** The forms that evaluate only some of their arguments. */
function lazyForm(name: string, args: Evaluator[]): Evaluator | undefined {
  switch (name) {
    case 'and':
      return (scope) => args.every((a) => truthy(a(scope)));
    case 'or':
      return (scope) => args.some((a) => truthy(a(scope)));
    case 'if':
      return (scope) => (truthy(args[0](scope)) ? (args[1]?.(scope) ?? null) : (args[2]?.(scope) ?? null));
    case 'case':
      return (scope) => {
        for (let i = 0; i + 1 < args.length; i += 2) if (truthy(args[i](scope))) return args[i + 1](scope);
        return args.length % 2 === 1 ? args[args.length - 1](scope) : null;
      };
    case 'coalesce':
      return (scope) => {
        for (const a of args) {
          const v = a(scope);
          if (v !== null && v !== '') return v;
        }
        return null;
      };
    default:
      return undefined;
  }
}

function compile(
  expression: Expression,
  resolver: FieldResolver,
  language: string,
  depth: number,
): Evaluator {
  if (depth > MAX_DEPTH) throw new NotEvaluable('an expression nests too deep');
  switch (expression.type) {
    case 'literal': {
      const value = expression.value;
      return () => value;
    }
    case 'field': {
      const access = resolver.access(expression.name, language);
      return (scope) => fieldValue(scope.values(access));
    }
    case 'list': {
      const items = expression.items.map((i) => compile(i, resolver, language, depth + 1));
      return (scope) => items.map((i) => i(scope)).flat();
    }
    case 'call': {
      const args = expression.args.map((a) => compile(a, resolver, language, depth + 1));
      const lazy = lazyForm(expression.name, args);
      if (lazy) return lazy;
      const fn = VALUE_FUNCTIONS[expression.name];
      if (!fn) throw new NotEvaluable(`function ${expression.name} is not evaluable`);
      const caseSensitive = expression.caseSensitive !== false;
      if (args.length === 1) {
        const [a] = args;
        return (scope) => fn([a(scope)], caseSensitive);
      }
      return (scope) =>
        fn(
          args.map((a) => a(scope)),
          caseSensitive,
        );
    }
  }
}

export function compileExpression(
  expression: Expression,
  resolver: FieldResolver,
  language: string,
): Evaluator {
  return compile(expression, resolver, language, 0);
}

/** An evaluated value as an event value, for computed columns: absent when null. */
export function asEventValue(value: Value): EventValue | undefined {
  if (value === null) return undefined;
  return value as EventValue;
}
