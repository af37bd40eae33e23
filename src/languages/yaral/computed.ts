/** YARA-L expressions as the model's computed values: paths as fields, functions under the model's names. */
import { lookupTable } from '../../text/lookup.js';
import type { Expression } from '../../model/stage.js';
import type { Expr } from './ast.js';
import { re2ToJavaScript } from './regex.js';

/** YARA-L functions and their model names, arguments in the same order. */
const CALLS: Readonly<Record<string, string>> = lookupTable({
  'strings.to_lower': 'lower',
  'strings.lower': 'lower',
  'strings.to_upper': 'upper',
  'strings.upper': 'upper',
  'strings.concat': 'concat',
  'strings.contains': 'contains',
  'strings.starts_with': 'starts_with',
  'strings.ends_with': 'ends_with',
  'strings.coalesce': 'coalesce',
  're.regex': 'regex',
  'net.ip_in_range_cidr': 'cidr',
  'cast.as_int': 'tonumber',
  'cast.as_string': 'tostring',
});

const COMPARE_CALLS: Readonly<Record<string, string>> = {
  '=': '==',
  '!=': '!=',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
};

/** A placeholder's value where the expression is read: a path of the event variable, or what it is bound to. */
export type PlaceholderValue = (name: string) => Expr | undefined;

/** The expression's value in the model, or a reason it has none (a reference list, an unbound placeholder). */
export function modelExpression(expr: Expr, placeholder: PlaceholderValue): Expression | string {
  switch (expr.kind) {
    case 'path':
      return { type: 'field', name: expr.path };
    case 'variable': {
      const bound = placeholder(expr.name);
      return bound
        ? modelExpression(bound, () => undefined)
        : `placeholder ${expr.name} is bound to no field`;
    }
    case 'string':
      return { type: 'literal', value: expr.value };
    case 'regex':
      return regexLiteral(expr.pattern);
    case 'number':
      return { type: 'literal', value: Number(expr.text) };
    case 'word':
      return wordLiteral(expr.text);
    case 'duration':
      return { type: 'literal', value: expr.text };
    case 'count':
      return `${expr.name} is a count, read only in the condition`;
    case 'list':
      return `reference list ${expr.name} has no values here`;
    case 'in':
      return `reference list ${expr.list.name} has no values here`;
    case 'negate':
      return call('-', [{ type: 'literal', value: 0 }, expr.operand], placeholder);
    case 'arithmetic':
      return call(expr.op, [expr.left, expr.right], placeholder);
    case 'and':
    case 'or':
      return call(expr.kind, [expr.left, expr.right], placeholder);
    case 'not':
      return call('not', [expr.operand], placeholder);
    case 'quantified':
      return `"${expr.quantifier}" over a repeated field`;
    case 'compare':
      return compareCall(expr.op, expr.left, expr.right, expr.nocase, placeholder);
    case 'call': {
      const out = call(CALLS[expr.name] ?? expr.name.toLowerCase(), expr.args, placeholder);
      if (typeof out === 'string' || out.type !== 'call') return out;
      const unsupported = out.name === 'regex' ? translateRegexArg(out) : undefined;
      if (expr.nocase) out.caseSensitive = false;
      return unsupported ?? out;
    }
  }
}

/** `a = /re/` matches the pattern anywhere in `a`; other comparisons are the model's operators. */
function compareCall(
  op: keyof typeof COMPARE_CALLS,
  left: Expr,
  right: Expr,
  nocase: boolean,
  placeholder: PlaceholderValue,
): Expression | string {
  const regex = right.kind === 'regex' && (op === '=' || op === '!=');
  const out = regex
    ? call('regex', [left, right], placeholder)
    : call(COMPARE_CALLS[op], [left, right], placeholder);
  if (typeof out === 'string' || out.type !== 'call') return out;
  if (nocase) out.caseSensitive = false;
  return regex && op === '!=' ? { type: 'call', name: 'not', args: [out] } : out;
}

function call(
  name: string,
  args: Array<Expr | Expression>,
  placeholder: PlaceholderValue,
): Expression | string {
  const out: Expression[] = [];
  for (const arg of args) {
    const value = isModel(arg) ? arg : modelExpression(arg, placeholder);
    if (typeof value === 'string') return value;
    out.push(value);
  }
  return { type: 'call', name, args: out };
}

function isModel(value: Expr | Expression): value is Expression {
  return 'type' in value;
}

/** A pattern given as a string is RE2 too (a `/re/` literal is translated where it is read); the reason it has no JavaScript form. */
function translateRegexArg(out: Extract<Expression, { type: 'call' }>): string | undefined {
  const pattern = out.args[1];
  if (pattern?.type !== 'literal' || typeof pattern.value !== 'string') return undefined;
  const translated = re2ToJavaScript(pattern.value);
  if ('unsupported' in translated) return translated.unsupported;
  out.args[1] = { type: 'literal', value: translated.pattern };
  return undefined;
}

function regexLiteral(pattern: string): Expression | string {
  const translated = re2ToJavaScript(pattern);
  return 'pattern' in translated ? { type: 'literal', value: translated.pattern } : translated.unsupported;
}

function wordLiteral(text: string): Expression {
  if (text === 'true' || text === 'false') return { type: 'literal', value: text === 'true' };
  if (text === 'null') return { type: 'literal', value: null };
  // An enum constant (`PROCESS_LAUNCH`) compares as its name.
  return { type: 'literal', value: text };
}
