/** A parsed query as one single-event condition: its stages' logic inlined, Sigma's value transforms applied. */
import type { Predicate } from '../../model/predicate.js';
import type { Logic, ParsedQuery, Stage } from '../../model/stage.js';
import type { Condition, Loss } from '../../languages/emit.js';
import { TRANSFORMS, transformValue } from '../../engine/encodings.js';

/** Modifiers that only say how a value matches, already in `op`, `caseSensitive` and `all`. */
const DESCRIPTIVE = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  'cased',
  'i',
  'ignorecase',
  'exists',
]);

export function queryCondition(query: ParsedQuery, losses: Loss[]): Condition {
  const referenced = new Set<number>();
  for (const s of query.stages) collectStages(s.logic, referenced);
  collectStages(query.logic, referenced);
  const walk = new Walk(query, losses);
  if (query.logic) return walk.logic(query.logic, undefined);
  const roots = query.stages.filter((s) => !referenced.has(s.index) && s.parent === undefined);
  return { type: 'and', operands: roots.map((s) => walk.stage(s)) };
}

function collectStages(logic: Logic | undefined, into: Set<number>): void {
  if (!logic) return;
  if (logic.type === 'stage') into.add(logic.index);
  else if (logic.type === 'and' || logic.type === 'or') logic.operands.forEach((o) => collectStages(o, into));
  else if (logic.type === 'not') collectStages(logic.operand, into);
}

class Walk {
  private readonly depth = new Set<number>();

  constructor(
    private readonly query: ParsedQuery,
    private readonly losses: Loss[],
  ) {}

  stage(s: Stage): Condition {
    const what = s.aggregation
      ? `the ${s.aggregation.function} aggregation`
      : s.sequence
        ? 'the sequence'
        : s.join
          ? 'the join'
          : s.assignments?.length
            ? 'computed columns'
            : s.notEvaluable
              ? `the ${s.kind} stage`
              : undefined;
    if (what) {
      this.losses.push({
        what: `${what} (${s.kind})`,
        why: s.notEvaluable ?? 'conversion writes single-event conditions',
      });
      if (s.aggregation || s.sequence || s.join) return { type: 'true' };
    }
    if (this.depth.has(s.index)) return { type: 'true' };
    this.depth.add(s.index);
    const out = s.logic ? this.logic(s.logic, s) : this.conjunction(s);
    this.depth.delete(s.index);
    return out;
  }

  private conjunction(s: Stage): Condition {
    const operands: Condition[] = [
      ...s.predicates.map((p) => signed(this.predicate(p), p.negated)),
      ...s.terms.map((t) => signed({ type: 'term', value: t.value } as Condition, t.negated)),
    ];
    return { type: 'and', operands };
  }

  logic(l: Logic, s: Stage | undefined): Condition {
    switch (l.type) {
      case 'and':
      case 'or':
        return { type: l.type, operands: l.operands.map((o) => this.logic(o, s)) };
      case 'not':
        return { type: 'not', operand: this.logic(l.operand, s) };
      case 'predicate': {
        const p = s?.predicates[l.index];
        return p ? this.predicate(p) : { type: 'true' };
      }
      case 'term': {
        const t = s?.terms[l.index];
        return t ? { type: 'term', value: t.value } : { type: 'true' };
      }
      case 'stage': {
        const target = this.query.stages[l.index];
        return target ? this.stage(target) : { type: 'true' };
      }
      case 'expression':
        this.losses.push({ what: 'an expression', why: 'computed comparisons are not converted' });
        return { type: 'true' };
      default:
        return { type: l.type };
    }
  }

  /** A predicate read positively, its transforms applied to its values (`base64offset` → three spellings). */
  private predicate(p: Predicate): Condition {
    const positive: Predicate = { ...p, negated: false };
    if (p.op === 'keyword' && p.field === null) {
      const terms: Condition[] = p.values.map((value) => ({ type: 'term', value }));
      return terms.length === 1 ? terms[0] : { type: p.all ? 'and' : 'or', operands: terms };
    }
    const modifiers = p.modifiers ?? [];
    const transforms = modifiers.filter((m) => TRANSFORMS.has(m));
    const unknown = modifiers.filter(
      (m) => !TRANSFORMS.has(m) && !DESCRIPTIVE.has(m) && !(p.op === 'regex' && m.length === 1),
    );
    for (const m of unknown)
      this.losses.push({ what: `${p.field}|${m}`, why: `the ${m} modifier has no counterpart` });
    const kept = modifiers.filter((m) => p.op === 'regex' && m.length === 1 && m !== 'i');
    const base: Predicate = { ...positive, modifiers: kept.length > 0 ? kept : undefined };
    if (base.modifiers === undefined) delete base.modifiers;
    if (transforms.length === 0) return { type: 'predicate', predicate: base };
    const groups = p.values.map((v) => transformValue(v, transforms));
    if (!p.all) return { type: 'predicate', predicate: { ...base, values: [...new Set(groups.flat())] } };
    return {
      type: 'and',
      operands: groups.map((values) => ({ type: 'predicate', predicate: { ...base, values, all: false } })),
    };
  }
}

function signed(c: Condition, negated: boolean): Condition {
  return negated ? { type: 'not', operand: c } : c;
}
