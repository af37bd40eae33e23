/** Writes a condition as a Sigma rule file: metadata, logsource, named selections with modifiers, and the condition. */
import { stringify } from 'yaml';
import type { Predicate } from '../../model/predicate.js';
import type { Condition, EmitInput, Emitted, Loss } from '../emit.js';
import { dropped } from '../kit/infix.js';
import { caseless } from '../kit/pattern.js';

type Item = Array<[string, unknown]> | string[];

interface Detection {
  items: Map<string, Item>;
  losses: Loss[];
}

const OP_MODIFIERS: Partial<Record<Predicate['op'], string>> = {
  match: 'contains',
  starts_with: 'startswith',
  ends_with: 'endswith',
  regex: 're',
  cidr: 'cidr',
  gt: 'gt',
  gte: 'gte',
  lt: 'lt',
  lte: 'lte',
  fieldref: 'fieldref',
};

/** A literal in Sigma's escaping: `*` and `?` escaped, and a backslash before them (or another) doubled. */
export function sigmaLiteral(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*' || c === '?') out += `\\${c}`;
    else if (c === '\\' && '*?\\'.includes(text[i + 1] ?? '')) out += '\\\\';
    else out += c;
  }
  return out;
}

/** The key (`Field|contains|all`) and values of one predicate; undefined when Sigma cannot say it. */
function entry(p: Predicate, losses: Loss[]): [string, unknown] | undefined {
  if (p.field === null) return dropped(p, 'a field-less test other than a keyword', losses);
  if (p.valueKind && !(p.valueKind === 'field' && p.op === 'fieldref'))
    return dropped(p, `Sigma cannot compare with a ${p.valueKind} value`, losses);
  if (p.op === 'exists') return [`${p.field}|exists`, true];
  const modifiers = [OP_MODIFIERS[p.op], ...(p.modifiers ?? [])].filter((m): m is string => m !== undefined);
  const sensitive = p.caseSensitive && !p.values.every(caseless);
  if (p.op === 'regex' && !sensitive) modifiers.push('i');
  else if (sensitive && p.op !== 'regex' && p.op !== 'cidr') modifiers.push('cased');
  if (p.all && p.values.length > 1) modifiers.push('all');
  const literal =
    p.op === 'wildcard' || p.op === 'regex' || p.op === 'cidr' ? (v: string) => v : sigmaLiteral;
  const values = p.values.map(literal);
  return [[p.field, ...modifiers].join('|'), values.length === 1 ? values[0] : values];
}

function add(d: Detection, item: Item, negated: boolean): string {
  const base = negated ? 'filter' : 'selection';
  let name = base;
  for (let n = 2; d.items.has(name); n++) name = `${base}_${n}`;
  d.items.set(name, item);
  return name;
}

/** `and` of predicates with distinct keys is one selection; the rest become names in the condition. */
function write(c: Condition, d: Detection, negated: boolean): string | undefined {
  switch (c.type) {
    case 'true':
    case 'false':
      d.losses.push({ what: `a condition that is always ${c.type}`, why: 'Sigma names no such selection' });
      return undefined;
    case 'term':
      return add(d, [c.value], negated);
    case 'predicate': {
      const e = entry(c.predicate, d.losses);
      return e && add(d, [e], negated);
    }
    case 'not': {
      const inner = write(c.operand, d, !negated);
      return inner && `not ${/\s/.test(inner) && !inner.startsWith('(') ? `(${inner})` : inner}`;
    }
    case 'or': {
      if (c.operands.every((o) => o.type === 'term'))
        return add(
          d,
          c.operands.map((o) => (o as { value: string }).value),
          negated,
        );
      return join(
        c.operands.map((o) => write(o, d, negated)),
        'or',
      );
    }
    case 'and':
      return conjunction(c.operands, d, negated);
  }
}

function conjunction(operands: Condition[], d: Detection, negated: boolean): string | undefined {
  const merged: Array<[string, unknown]> = [];
  const rest: Condition[] = [];
  for (const o of operands) {
    const e = o.type === 'predicate' ? entry(o.predicate, []) : undefined;
    if (e && !merged.some(([k]) => k === e[0])) merged.push(e);
    else rest.push(o);
  }
  const names = merged.length > 0 ? [add(d, merged, negated)] : [];
  return join([...names, ...rest.map((o) => write(o, d, negated))], 'and');
}

function join(parts: Array<string | undefined>, word: 'and' | 'or'): string | undefined {
  const kept = parts.filter((p): p is string => p !== undefined);
  if (kept.length <= 1) return kept[0];
  return `(${kept.map((p) => (p.includes(' ') && !p.startsWith('(') && !p.startsWith('not ') ? `(${p})` : p)).join(` ${word} `)})`;
}

function detection(condition: Condition, losses: Loss[]): Record<string, unknown> {
  const d: Detection = { items: new Map(), losses };
  const written = write(condition, d, false) ?? 'selection';
  if (d.items.size === 0) d.items.set('selection', ['*']);
  const out: Record<string, unknown> = {};
  for (const [name, item] of d.items)
    out[name] = typeof item[0] === 'string' ? item : Object.fromEntries(item as Array<[string, unknown]>);
  out.condition =
    written.startsWith('(') && written.endsWith(')') && balanced(written.slice(1, -1))
      ? written.slice(1, -1)
      : written;
  return out;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

export function emitSigma(input: EmitInput): Emitted {
  const losses: Loss[] = [];
  const m = input.metadata;
  const tags = [
    ...new Set([
      ...m.threat.map((t) => `attack.${t.tactic.shortname.replace(/-/g, '_')}`),
      ...m.threat.flatMap((t) => t.techniques.map((x) => `attack.${x.id.toLowerCase()}`)),
    ]),
  ];
  if (!input.scope.logsource)
    losses.push({ what: 'logsource', why: "no Sigma log source is known for the rule's events" });
  const rule: Record<string, unknown> = {
    title: m.title,
    id: m.id,
    status: m.status ?? 'experimental',
    description: m.description ?? m.title,
    references: m.references,
    author: m.authors.join(', ') || undefined,
    date: m.date,
    tags,
    logsource: input.scope.logsource ?? {},
    detection: detection(input.condition, losses),
    falsepositives: m.falsepositives ?? ['Unknown'],
    level: (m.severity ?? 'medium').toLowerCase(),
  };
  const text = stringify(
    Object.fromEntries(
      Object.entries(rule).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
    ),
    { lineWidth: 0 },
  );
  return { text, losses };
}
