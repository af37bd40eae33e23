/** The EQL expression grammar: or < and < not < comparison and match operators < arithmetic < primaries. */
import type { CompareExpr, EventQuery, Expr, InExpr, MatchExpr } from './ast.js';
import { TokenStream } from './token-stream.js';

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=', '=']);
const MATCH_WORDS = new Set(['like', 'like~', 'regex', 'regex~']);
/** Words that end an operand: a field may not be called by these names without backquotes. */
const RESERVED = new Set([
  'and',
  'or',
  'not',
  'in',
  'in~',
  'like',
  'like~',
  'regex',
  'regex~',
  'where',
  'by',
  'with',
  'until',
  'of',
]);
/** Legacy relationships: `descendant of [...]`. */
const RELATIONS = new Set(['descendant', 'child', 'event']);

export abstract class ExpressionParser extends TokenStream {
  protected abstract readonly legacy: boolean;

  /** The `[category where ...]` of a legacy relationship; the query parser supplies it. */
  protected abstract subquery(): EventQuery;

  expression(): Expr {
    return this.logical('or', () => this.logical('and', () => this.negation()));
  }

  private logical(word: 'and' | 'or', operand: () => Expr): Expr {
    const first = operand();
    if (!this.isWord(word)) return first;
    const operands = [first];
    while (this.acceptWord(word)) operands.push(operand());
    return { kind: word, operands, start: first.start, end: operands[operands.length - 1].end };
  }

  private negation(): Expr {
    const start = this.peek().start;
    if (!this.isWord('not')) return this.predicate();
    if (!this.enter()) return this.tooDeep();
    this.next();
    const operand = this.negation();
    this.leave();
    return { kind: 'not', operand, start, end: operand.end };
  }

  private predicate(): Expr {
    const left = this.additive();
    const t = this.peek();
    if (t.kind === 'punct' && COMPARE_OPS.has(t.text)) {
      this.next();
      const right = this.additive();
      return {
        kind: 'compare',
        op: t.text as CompareExpr['op'],
        left,
        right,
        start: left.start,
        end: right.end,
      };
    }
    if (t.kind === 'punct' && t.text === ':') return this.match(left, ':');
    if (t.kind !== 'ident') return left;
    const word = t.value.toLowerCase();
    if (MATCH_WORDS.has(word)) return this.match(left, word as MatchExpr['op']);
    if (word === 'in' || word === 'in~') return this.membership(left, false);
    if (word === 'not' && (this.isWord('in', 1) || this.isWord('in~', 1))) {
      this.next();
      return this.membership(left, true);
    }
    if (word === 'of' && left.kind === 'field' && RELATIONS.has(left.name.toLowerCase()))
      return this.relation(left.name, left.start);
    return left;
  }

  private match(left: Expr, op: MatchExpr['op']): Expr {
    this.next();
    const values = this.values();
    return { kind: 'match', op, left, values, start: left.start, end: this.lastEnd };
  }

  private membership(left: Expr, negated: boolean): InExpr {
    const insensitive = this.next().value.endsWith('~');
    if (!this.isPunct('(')) {
      this.unexpected('"(" to open the list of values');
      return { kind: 'in', left, values: [], insensitive, negated, start: left.start, end: this.lastEnd };
    }
    const values = this.values();
    return { kind: 'in', left, values, insensitive, negated, start: left.start, end: this.lastEnd };
  }

  /** One value, or a parenthesised list of them. */
  private values(): Expr[] {
    if (!this.acceptPunct('(')) return [this.additive()];
    const values = [this.expression()];
    for (;;) {
      if (this.acceptPunct(',')) values.push(this.expression());
      else if (this.peek().kind === 'string' || this.peek().kind === 'number') {
        // eqllib has lists with a comma missing; the legacy engine read them, so only warn there.
        const t = this.peek();
        this.report(
          'unexpected-token',
          `Unexpected ${JSON.stringify(t.text)}, expected "," between list items`,
          t,
          this.legacy ? 'warning' : 'error',
        );
        values.push(this.expression());
      } else break;
    }
    this.expectPunct(')');
    return values;
  }

  private relation(relation: string, start: number): Expr {
    this.next(); // of
    if (!this.enter()) return this.tooDeep();
    const query = this.subquery();
    this.leave();
    return { kind: 'relation', relation: relation.toLowerCase(), query, start, end: this.lastEnd };
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isPunct('+') || this.isPunct('-')) {
      const op = this.next().text as '+' | '-';
      const right = this.multiplicative();
      left = { kind: 'arithmetic', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('%')) {
      const op = this.next().text as '*' | '/' | '%';
      const right = this.unary();
      left = { kind: 'arithmetic', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): Expr {
    if (!this.isPunct('-') && !this.isPunct('+')) return this.primary();
    if (!this.enter()) return this.tooDeep();
    const sign = this.next();
    const operand = this.unary();
    this.leave();
    if (operand.kind === 'number')
      return { ...operand, text: sign.text === '-' ? `-${operand.text}` : operand.text, start: sign.start };
    return {
      kind: 'arithmetic',
      op: sign.text as '+' | '-',
      left: null,
      right: operand,
      start: sign.start,
      end: operand.end,
    };
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'string':
        this.next();
        // Elasticsearch reads only double quotes; the original engine took single quotes too.
        if (t.quote === "'" && !this.legacy)
          this.report(
            'invalid-value',
            `Unexpected ${JSON.stringify(t.text.slice(0, 40))}, expected a double-quoted string`,
            t,
          );
        return { kind: 'string', value: t.value, start: t.start, end: t.end };
      case 'number':
        this.next();
        if (t.unit)
          this.report('invalid-value', `Unexpected ${JSON.stringify(t.text)}, expected a number`, t);
        return { kind: 'number', text: t.value, start: t.start, end: t.end };
      case 'field':
        this.next();
        return this.indexed({
          kind: 'field',
          name: t.value,
          optional: t.optional === true,
          start: t.start,
          end: t.end,
        });
      case 'ident':
        return this.word();
      case 'punct':
        if (t.text === '(') return this.nested(() => this.parenthesised());
    }
    this.unexpected('a field, a value or a function call');
    // At the end of input the missing operand sits where the text stopped, not after trailing blanks.
    const at = t.kind === 'eof' ? this.lastEnd : t.start;
    return { kind: 'error', start: at, end: t.kind === 'eof' ? at : t.end };
  }

  /** One level deeper: parsed by `parse`, or past the bound reported and skipped. */
  private nested(parse: () => Expr): Expr {
    if (!this.enter()) return this.tooDeep();
    const expr = parse();
    this.leave();
    return expr;
  }

  /** After the cursor reported nesting past the bound: the nested part skipped, an error node in its place. */
  private tooDeep(): Expr {
    const start = this.peek().start;
    this.skipNested();
    return { kind: 'error', start, end: Math.max(start, this.lastEnd) };
  }

  private parenthesised(): Expr {
    const open = this.next();
    const inner = this.expression();
    this.expectPunct(')');
    return { ...inner, start: open.start, end: this.lastEnd };
  }

  /** A bare word: a constant, a function call or a field. */
  private word(): Expr {
    const t = this.peek();
    const lower = t.value.toLowerCase();
    if (RESERVED.has(lower)) {
      this.unexpected('a field, a value or a function call');
      return { kind: 'error', start: t.start, end: t.end };
    }
    this.next();
    if (lower === 'true' || lower === 'false')
      return { kind: 'boolean', value: lower === 'true', start: t.start, end: t.end };
    if (lower === 'null') return { kind: 'null', start: t.start, end: t.end };
    if (this.isPunct('(')) return this.nested(() => this.call(t.value, t.start));
    return this.indexed({ kind: 'field', name: t.value, optional: false, start: t.start, end: t.end });
  }

  private call(name: string, start: number): Expr {
    this.next(); // (
    const args: Expr[] = [];
    if (!this.isPunct(')')) {
      args.push(this.expression());
      // The original engine read a trailing comma (`wildcard(x, "a", "b",)`); eqllib analytics have them.
      while (this.acceptPunct(',') && !(this.legacy && this.isPunct(')'))) args.push(this.expression());
    }
    this.expectPunct(')');
    return { kind: 'call', name, args, start, end: this.lastEnd };
  }

  /** `process.args[0]`: an array index is part of the field. */
  private indexed(field: Expr & { kind: 'field' }): Expr {
    while (
      this.isPunct('[') &&
      this.peek(1).kind === 'number' &&
      this.isPunct(']', 2) &&
      this.peek().start === field.end
    ) {
      this.next();
      const n = this.next().text;
      const close = this.next();
      field = { ...field, name: `${field.name}[${n}]`, end: close.end };
    }
    return field;
  }
}
