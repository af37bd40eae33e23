/** Writing a condition as infix boolean text (`a and (b or not c)`), shared by the emitters of infix languages. */
import type { Predicate } from '../../model/predicate.js';
import type { Condition, Loss } from '../emit.js';

export interface InfixSyntax {
  and: string;
  or: string;
  not: string;
  /** `not` is a function (`not(x)`): its operand is always in parentheses. */
  notCall?: boolean;
  /** Text for a condition that always (or never) holds, for a query left with nothing to test. */
  always: string;
  never: string;
  /** One predicate with one value (or every value, when `values` handles lists); undefined: a loss was recorded. */
  atom(predicate: Predicate, losses: Loss[]): string | undefined;
  /** Several values in one test (`f in ("a", "b")`); undefined to write them as `or`/`and` of single values. */
  values?(predicate: Predicate, losses: Loss[]): string | undefined;
  /** A field-less value; absent: the language has no free text. */
  term?(value: string, losses: Loss[]): string | undefined;
}

/** `dropped`: a test the target cannot write, left out of its junction (its loss is recorded). */
type Written = { text: string; kind: 'atom' | 'and' | 'or' | 'not' } | true | false | 'dropped';

/** A predicate with several values as the `or` (or, under `all`, the `and`) of one-value predicates. */
export function splitValues(p: Predicate): Condition {
  if (p.values.length <= 1) return { type: 'predicate', predicate: p };
  return {
    type: p.all ? 'and' : 'or',
    operands: p.values.map((v) => ({ type: 'predicate', predicate: { ...p, values: [v], all: false } })),
  };
}

/** A `Loss` for a predicate the target cannot express; the predicate is then left out. */
export function dropped(p: Predicate, why: string, losses: Loss[]): undefined {
  const values = p.values.length > 0 ? ` ${p.values.map((v) => JSON.stringify(v)).join(', ')}` : '';
  losses.push({ what: `${p.field ?? '(any field)'} ${p.op}${values}`, why });
  return undefined;
}

export function writeInfix(condition: Condition, syntax: InfixSyntax, losses: Loss[]): string {
  const out = write(condition, syntax, losses);
  if (out === true || out === 'dropped') return syntax.always;
  if (out === false) return syntax.never;
  return out.text;
}

function write(c: Condition, s: InfixSyntax, losses: Loss[]): Written {
  switch (c.type) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'term': {
      if (!s.term) {
        losses.push({
          what: `free text ${JSON.stringify(c.value)}`,
          why: 'the target has no field-less search',
        });
        return true;
      }
      return atomText(s.term(c.value, losses));
    }
    case 'predicate':
      return predicate(c.predicate, s, losses);
    case 'not': {
      const inner = write(c.operand, s, losses);
      if (inner === 'dropped') return inner;
      if (typeof inner === 'boolean') return !inner;
      const bare = inner.kind === 'atom' && !s.notCall;
      return { text: `${s.not}${bare ? inner.text : `(${inner.text})`}`, kind: 'not' };
    }
    case 'and':
    case 'or':
      return junction(c.type, c.operands, s, losses);
  }
}

function predicate(p: Predicate, s: InfixSyntax, losses: Loss[]): Written {
  if (p.values.length > 1) {
    const listed = s.values?.(p, losses);
    if (listed !== undefined) return atomText(listed);
    return write(splitValues(p), s, losses);
  }
  return atomText(s.atom(p, losses));
}

/** A dropped atom leaves its junction: the rest of the condition still stands, and the loss says what went. */
function atomText(text: string | undefined): Written {
  return text === undefined ? 'dropped' : { text, kind: 'atom' };
}

function junction(kind: 'and' | 'or', operands: Condition[], s: InfixSyntax, losses: Loss[]): Written {
  const parts: Array<Exclude<Written, boolean | 'dropped'>> = [];
  let dropped = false;
  for (const operand of operands) {
    const w = write(operand, s, losses);
    if (w === (kind === 'or')) return w;
    if (w === 'dropped') dropped = true;
    else if (typeof w !== 'boolean') parts.push(w);
  }
  if (parts.length === 0) return dropped ? 'dropped' : kind === 'and';
  if (parts.length === 1) return parts[0];
  const texts = parts.map((w) =>
    w.kind === 'atom' || w.kind === 'not' || w.kind === kind ? w.text : `(${w.text})`,
  );
  return { text: texts.join(` ${kind === 'and' ? s.and : s.or} `), kind };
}
