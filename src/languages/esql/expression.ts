/**
 * ES|QL expressions by precedence climbing: OR < AND < NOT < predicates (comparison, IN, LIKE, RLIKE, IS NULL, `:`)
 * < `+ -` < `* / %` < unary minus < `::` cast < primaries (literals, params, fields, calls, brackets).
 */
import type { Expr, Literal } from './ast.js';
import { EsqlCursor } from './cursor.js';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', '=~']);
const TIME_UNITS = new Set(
  (
    'millisecond milliseconds ms second seconds sec s minute minutes min m hour hours h day days d week weeks w ' +
    'month months mo quarter quarters q year years yr y nanosecond nanoseconds ns microsecond microseconds'
  ).split(' '),
);
/** Words that end an expression instead of naming a field. */
const RESERVED = new Set([
  'and',
  'or',
  'not',
  'in',
  'like',
  'rlike',
  'is',
  'by',
  'as',
  'on',
  'with',
  'where',
  'asc',
  'desc',
  'nulls',
  'metadata',
]);

export class ExpressionParser extends EsqlCursor {
  expression(): Expr {
    return this.guarded(() => this.orExpr());
  }

  /** Runs a production that may nest, refusing nesting too deep for the stack. */
  private guarded(production: () => Expr): Expr {
    if (!this.enter()) return this.missing();
    const expr = production();
    this.leave();
    return expr;
  }

  /** A placeholder where an expression could not be read; the problem is already reported. */
  protected missing(): Literal {
    const at = this.peek().start;
    return { kind: 'literal', type: 'missing', value: '', start: at, end: at };
  }

  private orExpr(): Expr {
    let left = this.andExpr();
    while (this.acceptWord('or')) {
      const right = this.andExpr();
      left = { kind: 'binary', op: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private andExpr(): Expr {
    let left = this.notExpr();
    while (this.acceptWord('and')) {
      const right = this.notExpr();
      left = { kind: 'binary', op: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  /** `NOT NOT x` is read in a loop, so a long run of them cannot exhaust the stack. */
  private notExpr(): Expr {
    const nots: number[] = [];
    while (this.isWord('not')) nots.push(this.next().start);
    let operand = this.predicate();
    for (let i = nots.length - 1; i >= 0; i--)
      operand = { kind: 'not', operand, start: nots[i], end: operand.end };
    return operand;
  }

  private predicate(): Expr {
    const operand = this.additive();
    const negated =
      this.isWord('not') && (this.isWord('in', 1) || this.isWord('like', 1) || this.isWord('rlike', 1));
    if (negated) this.next();
    if (this.acceptWord('in')) {
      const list = this.bracketed('(', ')');
      return { kind: 'in', operand, list, negated, start: operand.start, end: this.previous.end };
    }
    const like = this.acceptWord('like') ?? this.acceptWord('rlike');
    if (like) {
      const patterns = this.isOp('(') ? this.bracketed('(', ')') : [this.primary()];
      return {
        kind: like.lower as 'like' | 'rlike',
        operand,
        patterns,
        negated,
        start: operand.start,
        end: this.previous.end,
      };
    }
    if (this.acceptWord('is')) {
      const not = Boolean(this.acceptWord('not'));
      if (!this.acceptWord('null')) this.unexpected('"NULL"');
      return { kind: 'isnull', operand, negated: not, start: operand.start, end: this.previous.end };
    }
    const op = this.peek();
    if (op.kind === 'op' && COMPARISONS.has(op.text)) {
      this.next();
      const right = this.additive();
      return { kind: 'binary', op: op.text, left: operand, right, start: operand.start, end: right.end };
    }
    if (this.acceptOp(':')) {
      const query = this.additive();
      return { kind: 'match', operand, query, start: operand.start, end: query.end };
    }
    return operand;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text;
      const right = this.multiplicative();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().text;
      const right = this.unary();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): Expr {
    const minuses: number[] = [];
    for (
      let sign = this.acceptOp('-') ?? this.acceptOp('+');
      sign;
      sign = this.acceptOp('-') ?? this.acceptOp('+')
    ) {
      if (sign.text === '-') minuses.push(sign.start);
    }
    let operand = this.cast();
    for (let i = minuses.length - 1; i >= 0; i--)
      operand = { kind: 'neg', operand, start: minuses[i], end: operand.end };
    return operand;
  }

  private cast(): Expr {
    let operand = this.primary();
    while (this.acceptOp('::')) {
      const type = this.peek();
      if (type.kind !== 'ident') {
        this.unexpected('a type name');
        break;
      }
      this.next();
      operand = { kind: 'cast', operand, type: type.lower, start: operand.start, end: type.end };
    }
    return operand;
  }

  protected primary(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        return this.number();
      case 'string':
        this.next();
        return { kind: 'literal', type: 'string', value: token.value, start: token.start, end: token.end };
      case 'param':
        this.next();
        return { kind: 'literal', type: 'param', value: token.text, start: token.start, end: token.end };
      case 'ident':
      case 'quoted_ident':
        return this.name();
      case 'op':
        return this.guarded(() => this.bracket());
      default:
        this.unexpected('an expression');
        return this.missing();
    }
  }

  /** A number, or a time span when a unit follows (`7 day`, `30 seconds`). */
  private number(): Literal {
    const token = this.next();
    const unit = this.peek();
    if (unit.kind === 'ident' && TIME_UNITS.has(unit.lower)) {
      this.next();
      // As written (`7 days`, `5m`): the space between number and unit is optional.
      const value = unit.start === token.end ? token.text + unit.text : `${token.text} ${unit.text}`;
      return { kind: 'literal', type: 'timespan', value, start: token.start, end: unit.end };
    }
    return { kind: 'literal', type: 'number', value: token.text, start: token.start, end: token.end };
  }

  /** `null`, `true`, `false`, a function call, or a field (backquoted parts joined by dots). */
  private name(): Expr {
    const token = this.peek();
    if (token.kind === 'ident') {
      if (token.lower === 'null' || token.lower === 'true' || token.lower === 'false') {
        this.next();
        return {
          kind: 'literal',
          type: token.lower === 'null' ? 'null' : 'boolean',
          value: token.lower,
          start: token.start,
          end: token.end,
        };
      }
      if (RESERVED.has(token.lower)) {
        this.unexpected('an expression');
        return this.missing();
      }
      if (this.isOp('(', 1)) return this.call();
    }
    const run = this.fieldName();
    return { kind: 'field', name: run.text, start: run.start, end: run.end };
  }

  /** A field name: identifiers and backquoted identifiers joined by dots with no space between. */
  protected fieldName(): { text: string; start: number; end: number } {
    const first = this.next();
    let text = first.value;
    let end = first.end;
    while (this.isOp('.') && this.peek().start === end && this.peek(1).start === end + 1) {
      const part = this.peek(1);
      if (part.kind !== 'ident' && part.kind !== 'quoted_ident') break;
      this.index += 2;
      text += `.${part.value}`;
      end = part.end;
    }
    return { text, start: first.start, end };
  }

  private call(): Expr {
    const name = this.next();
    this.next();
    const args: Expr[] = [];
    if (this.isOp('*') && this.isOp(')', 1)) {
      const star = this.next();
      args.push({ kind: 'field', name: '*', start: star.start, end: star.end });
    } else if (!this.isOp(')')) {
      args.push(...this.commaList(')'));
    }
    this.expectOp(')');
    return { kind: 'call', name: name.lower, args, start: name.start, end: this.previous.end };
  }

  private bracket(): Expr {
    const open = this.peek();
    if (open.text === '(') {
      this.next();
      const inner = this.expression();
      this.expectOp(')');
      return { ...inner, start: open.start, end: this.previous.end };
    }
    if (open.text === '[') {
      const items = this.bracketed('[', ']');
      return { kind: 'list', items, start: open.start, end: this.previous.end };
    }
    if (open.text === '{') return this.map();
    this.unexpected('an expression');
    return this.missing();
  }

  /** `{ "key": value, ... }`: function and command options; the values are kept. */
  private map(): Expr {
    const open = this.next();
    const items: Expr[] = [];
    while (!this.isOp('}') && !this.atEnd) {
      const key = this.primary();
      if (key.kind === 'literal' && key.type === 'missing') break;
      this.expectOp(':');
      items.push(this.additive());
      if (!this.acceptOp(',')) break;
    }
    this.expectOp('}');
    return { kind: 'map', items, start: open.start, end: this.previous.end };
  }

  /** `( a, b )` or `[ a, b ]`. */
  protected bracketed(open: string, close: string): Expr[] {
    if (!this.expectOp(open)) return [];
    const items = this.isOp(close) ? [] : this.commaList(close);
    this.expectOp(close);
    return items;
  }

  private commaList(close: string): Expr[] {
    const items: Expr[] = [this.expression()];
    while (this.acceptOp(',') && !this.isOp(close)) items.push(this.expression());
    return items;
  }
}
