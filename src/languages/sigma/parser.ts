/**
 * Recursive-descent parser of Sigma conditions. Grammar, lowest precedence first:
 *
 *   condition   := expression ( "|" aggregation )?
 *   expression  := and ( "or" and )*
 *   and         := not ( "and" not )*
 *   not         := "not" not | primary
 *   primary     := "(" expression ")" | ("1" | "all" | "any") "of" (pattern | "them") | name
 *   aggregation := fn "(" field? ")" ( "by" field ("," field)* )? ( comparison number )?
 *                | "near" expression
 *
 * Keywords are matched without regard to case. Errors are collected with offsets into the condition string;
 * the parser recovers and returns what it understood.
 */
import { describeToken } from '../../text/diagnostics.js';
import type { Aggregation, Comparison, Condition, ConditionNode } from './ast.js';
import { tokenize, type Token } from './lexer.js';
import { NestingDepth, tooDeepProblem } from '../kit/depth.js';
import type { ProblemKind } from '../kit/problem.js';

export interface ConditionError {
  /** Unset for an unexpected token, the usual problem. */
  kind?: ProblemKind;
  message: string;
  start: number;
  end: number;
}

export interface ConditionParse {
  condition: Condition;
  errors: ConditionError[];
}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them', 'by', 'near']);
const AGGREGATES = new Set(['count', 'min', 'max', 'avg', 'sum']);
/** Detection names: letters, digits, `_`, `-` and `.`; patterns add `*`. */
const NAME = /^[\w.-]+$/;
const PATTERN = /^[\w.*-]+$/;

export function parseCondition(text: string): ConditionParse {
  return new ConditionParser(text).parse();
}

class ConditionParser {
  private readonly tokens: Token[];
  private pos = 0;
  private readonly errors: ConditionError[] = [];
  private readonly depth = new NestingDepth();

  constructor(text: string) {
    this.tokens = tokenize(text);
  }

  parse(): ConditionParse {
    const condition: Condition = {};
    if (this.peek().kind === 'end') {
      this.fail(this.peek(), 'a detection name');
      return { condition, errors: this.errors };
    }
    condition.expression = this.expression();
    if (this.peek().kind === 'pipe') {
      this.next();
      condition.aggregation = this.aggregation();
    }
    if (this.peek().kind !== 'end') this.fail(this.peek(), '"and", "or", "|" or the end of the condition');
    return { condition, errors: this.errors };
  }

  private expression(): ConditionNode | undefined {
    return this.binary('or', () => this.conjunction());
  }

  private conjunction(): ConditionNode | undefined {
    return this.binary('and', () => this.negation());
  }

  private binary(kind: 'and' | 'or', operand: () => ConditionNode | undefined): ConditionNode | undefined {
    const first = operand();
    const operands = first ? [first] : [];
    while (this.isKeyword(this.peek(), kind)) {
      this.next();
      const next = operand();
      if (next) operands.push(next);
    }
    if (operands.length <= 1) return operands[0];
    return { kind, operands, start: operands[0].start, end: operands[operands.length - 1].end };
  }

  private negation(): ConditionNode | undefined {
    const token = this.peek();
    if (!this.isKeyword(token, 'not')) return this.primary();
    if (!this.depth.enter()) return this.tooDeep(token);
    this.next();
    const operand = this.negation();
    this.depth.leave();
    return operand ? { kind: 'not', operand, start: token.start, end: operand.end } : undefined;
  }

  private primary(): ConditionNode | undefined {
    const token = this.peek();
    if (token.kind === 'lparen') return this.group(token);
    if (token.kind === 'word' && this.isKeyword(this.peek(1), 'of')) return this.quantified(token);
    if (token.kind === 'word' && !KEYWORDS.has(token.text.toLowerCase()) && NAME.test(token.text)) {
      this.next();
      return { kind: 'name', name: token.text, start: token.start, end: token.end };
    }
    if (token.kind === 'word' && PATTERN.test(token.text) && token.text.includes('*')) {
      this.error(
        token,
        `Unexpected pattern ${describeToken(token.text)}, expected "1 of" or "all of" before it`,
      );
    } else {
      this.fail(token, 'a detection name, "(", "not", "1 of" or "all of"');
    }
    // Skipping the token guarantees progress; what a caller can still use (")", "|", "and", "or", the end) stays.
    if (token.kind === 'word' && !this.isKeyword(token, 'and') && !this.isKeyword(token, 'or')) this.next();
    else if (token.kind === 'comma' || token.kind === 'compare') this.next();
    return undefined;
  }

  private group(open: Token): ConditionNode | undefined {
    if (!this.depth.enter()) return this.tooDeep(open);
    this.next();
    const inner = this.expression();
    this.depth.leave();
    const close = this.peek();
    if (close.kind === 'rparen') this.next();
    else this.fail(close, '")"');
    return inner
      ? { ...inner, start: open.start, end: close.kind === 'rparen' ? close.end : inner.end }
      : undefined;
  }

  private quantified(count: Token): ConditionNode | undefined {
    const word = count.text.toLowerCase();
    if (word !== '1' && word !== 'all' && word !== 'any') this.fail(count, '"1", "all" or "any" before "of"');
    this.next();
    this.next();
    const target = this.peek();
    if (target.kind !== 'word' || !PATTERN.test(target.text)) {
      this.fail(target, 'a detection name pattern or "them" after "of"');
      return undefined;
    }
    this.next();
    const them = target.text.toLowerCase() === 'them';
    const quantifier = word === 'all' ? 'all' : 'one';
    return { kind: 'quantified', quantifier, target: target.text, them, start: count.start, end: target.end };
  }

  private aggregation(): Aggregation | undefined {
    const fn = this.peek();
    const name = fn.text.toLowerCase();
    if (fn.kind === 'word' && name === 'near') {
      this.next();
      const near = this.expression();
      return { function: 'near', groupBy: [], near, start: fn.start, end: near?.end ?? fn.end };
    }
    if (fn.kind !== 'word' || !AGGREGATES.has(name)) {
      this.fail(fn, '"count", "min", "max", "avg", "sum" or "near" after "|"');
      return undefined;
    }
    this.next();
    const aggregation: Aggregation = { function: name, groupBy: [], start: fn.start, end: fn.end };
    if (!this.expect('lparen', '"(" after the aggregation function')) return aggregation;
    if (this.peek().kind === 'word') aggregation.field = this.next().text;
    aggregation.end = this.peek().end;
    if (!this.expect('rparen', '")" or a field name')) return aggregation;
    if (this.isKeyword(this.peek(), 'by')) this.groupBy(aggregation);
    if (this.peek().kind === 'compare') aggregation.comparison = this.comparison();
    if (aggregation.comparison) aggregation.end = aggregation.comparison.end;
    return aggregation;
  }

  private groupBy(aggregation: Aggregation): void {
    this.next();
    do {
      const field = this.peek();
      if (field.kind !== 'word') {
        this.fail(field, 'a field name after "by"');
        return;
      }
      aggregation.groupBy.push(this.next().text);
      aggregation.end = field.end;
    } while (this.peek().kind === 'comma' && this.next());
  }

  private comparison(): Comparison | undefined {
    const op = this.next();
    // A lone `!` lexes as a comparison so it can be reported here, where the grammar wants one.
    if (op.text === '!') {
      this.fail(op, 'a comparison (>, >=, <, <=, ==, !=)');
      return undefined;
    }
    const value = this.peek();
    if (value.kind !== 'word' || !/^-?\d+(\.\d+)?$/.test(value.text)) {
      this.fail(value, `a number after "${op.text}"`);
      return undefined;
    }
    this.next();
    return { op: op.text as Comparison['op'], value: value.text, start: op.start, end: value.end };
  }

  private expect(kind: Token['kind'], expected: string): boolean {
    if (this.peek().kind === kind) {
      this.next();
      return true;
    }
    this.fail(this.peek(), expected);
    return false;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return (
      token.kind === 'word' && token.text.length === keyword.length && token.text.toLowerCase() === keyword
    );
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  /** Nesting past the bound at `at`: reported once, and the `not`s and group there skipped whole. */
  private tooDeep(at: Token): undefined {
    const { kind, message } = tooDeepProblem(at.text, at);
    this.errors.push({ kind, message, start: at.start, end: at.end });
    while (this.isKeyword(this.peek(), 'not')) this.next();
    let open = 0;
    do {
      const t = this.next();
      if (t.kind === 'lparen') open++;
      else if (t.kind === 'rparen') open--;
    } while (open > 0 && this.peek().kind !== 'end');
    return undefined;
  }

  private fail(token: Token, expected: string): void {
    this.error(token, `Unexpected ${describeToken(token.text)}, expected ${expected}`);
  }

  /** One error per token: recovery would otherwise report the same bad token again from each level. */
  private error(token: Token, message: string): void {
    if (this.errors.some((e) => e.start === token.start)) return;
    this.errors.push({ message, start: token.start, end: token.end });
  }
}
