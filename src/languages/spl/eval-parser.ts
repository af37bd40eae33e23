/** Recursive-descent grammar of SPL eval expressions (`where`, `eval`): boolean, comparison, arithmetic, calls. */
import type { Assignment, EvalNode } from './ast.js';
import type { Token } from './lexer.js';
import { skipNested, type ParseEnv } from './search-parser.js';
import { tooDeepProblem } from '../kit/depth.js';
import { describeToken } from '../../text/diagnostics.js';
import type { ProblemKind } from '../kit/problem.js';

const COMPARE = new Set(['=', '==', '!=', '<', '<=', '>', '>=']);
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** Parses all of `tokens` as one condition (`where`). */
export function parseEvalCondition(tokens: Token[], env: ParseEnv): EvalNode | null {
  const parser = new EvalParser(tokens, env);
  const node = parser.expression();
  parser.expectEnd('the end of the condition');
  return node;
}

/** Parses `field = expr, field = expr` (`eval`). */
export function parseAssignments(tokens: Token[], env: ParseEnv): Assignment[] {
  const parser = new EvalParser(tokens, env);
  return parser.assignments();
}

class EvalParser {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly env: ParseEnv,
  ) {}

  assignments(): Assignment[] {
    const list: Assignment[] = [];
    while (this.pos < this.tokens.length) {
      const field = this.assignedField();
      if (!field) return list;
      const expr = this.expression();
      if (expr) list.push({ field, expr });
      if (this.peek()?.type === 'comma') this.pos++;
      else if (this.pos < this.tokens.length) {
        this.problem(
          `Unexpected ${describeToken(this.peek()?.text)}, expected "," between assignments`,
          this.peek()!,
        );
        return list;
      }
    }
    return list;
  }

  /** The name before `=`: Splunk takes it as written up to the `=`, so `feature_-value` is one name. */
  private assignedField(): string | undefined {
    const first = this.tokens[this.pos];
    let end = this.pos;
    while (
      end < this.tokens.length &&
      !(this.tokens[end].type === 'op' && this.tokens[end].text === '=') &&
      (end === this.pos || this.tokens[end].glued)
    )
      end++;
    const eq = this.tokens[end];
    const valid = first.type === 'word' || first.type === 'field' || first.type === 'string';
    if (!valid || eq?.type !== 'op' || eq.text !== '=') {
      this.problem(`Unexpected ${describeToken(first.text)}, expected "field=expression"`, first);
      return undefined;
    }
    const name =
      end === this.pos + 1 ? first.value : this.env.text.slice(first.start, this.tokens[end - 1].end);
    this.pos = end + 1;
    return name;
  }

  expectEnd(what: string): void {
    const t = this.peek();
    if (t) this.problem(`Unexpected ${describeToken(t.text)}, expected ${what}`, t);
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private keyword(...words: string[]): Token | undefined {
    const t = this.peek();
    if (t?.type === 'word' && words.includes(t.text.toUpperCase())) {
      this.pos++;
      return t;
    }
    return undefined;
  }

  private operator(ops: ReadonlySet<string>): Token | undefined {
    const t = this.peek();
    if (t?.type === 'op' && ops.has(t.text)) {
      this.pos++;
      return t;
    }
    return undefined;
  }

  expression(): EvalNode | null {
    return this.binaryLevel(0);
  }

  /** Levels from loosest to tightest: OR, XOR, AND, then NOT and comparison below. */
  private binaryLevel(level: number): EvalNode | null {
    const words = [['OR'], ['XOR'], ['AND']][level];
    if (!words) return this.notLevel();
    let left = this.binaryLevel(level + 1);
    for (let op = this.keyword(...words); op; op = this.keyword(...words)) {
      const right = this.binaryLevel(level + 1);
      if (!left || !right) return left ?? right;
      left = { kind: 'binary', op: op.text.toUpperCase(), left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private notLevel(): EvalNode | null {
    const not = this.keyword('NOT');
    if (!not) return this.comparison();
    if (!this.env.depth.enter()) return this.tooDeep(this.pos - 1);
    const operand = this.notLevel();
    this.env.depth.leave();
    return operand ? { kind: 'unary', op: 'NOT', operand, start: not.start, end: operand.end } : null;
  }

  private comparison(): EvalNode | null {
    const left = this.arithmetic(0);
    if (!left) return null;
    const op = this.operator(COMPARE) ?? this.keyword('LIKE');
    if (op) {
      const right = this.arithmetic(0);
      if (!right) return left;
      return { kind: 'binary', op: op.text.toUpperCase(), left, right, start: left.start, end: right.end };
    }
    if (
      this.peek()?.type === 'word' &&
      this.peek()!.text.toUpperCase() === 'IN' &&
      this.tokens[this.pos + 1]?.type === 'lparen'
    ) {
      this.pos += 2;
      const values = this.list();
      return { kind: 'in', operand: left, values, start: left.start, end: this.tokens[this.pos - 1].end };
    }
    return left;
  }

  /** Arithmetic levels: `.` concatenation, then `+ -`, then `* / %`. */
  private arithmetic(level: number): EvalNode | null {
    const ops = [new Set(['.']), new Set(['+', '-']), new Set(['*', '/', '%'])][level];
    if (!ops) return this.unary();
    let left = this.arithmetic(level + 1);
    for (let op = this.operator(ops); op && left; op = this.operator(ops)) {
      const right = this.arithmetic(level + 1);
      if (!right) return left;
      left = { kind: 'binary', op: op.text, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): EvalNode | null {
    const minus = this.operator(new Set(['-', '+']));
    if (!minus) return this.primary();
    if (!this.env.depth.enter()) return this.tooDeep(this.pos - 1);
    const operand = this.unary();
    this.env.depth.leave();
    return operand ? { kind: 'unary', op: minus.text, operand, start: minus.start, end: operand.end } : null;
  }

  private primary(): EvalNode | null {
    const t = this.peek();
    if (!t) {
      this.problem(
        'Unexpected end of input, expected an expression',
        this.tokens[this.tokens.length - 1] ?? { start: 0, end: 0 },
      );
      return null;
    }
    this.pos++;
    if (t.type === 'lparen' || (t.type === 'word' && this.peek()?.type === 'lparen')) {
      if (!this.env.depth.enter()) return this.tooDeep(t.type === 'lparen' ? this.pos - 1 : this.pos);
      const node = t.type === 'lparen' ? this.group(t) : this.call(t);
      this.env.depth.leave();
      return node;
    }
    if (t.type === 'string') return { kind: 'string', value: t.value, start: t.start, end: t.end };
    if (t.type === 'field') return { kind: 'field', name: t.value, start: t.start, end: t.end };
    if (t.type === 'word') {
      if (NUMBER.test(t.text)) return { kind: 'number', value: t.text, start: t.start, end: t.end };
      return { kind: 'field', name: t.text, start: t.start, end: t.end };
    }
    this.problem(`Unexpected ${describeToken(t.text)}, expected an expression`, t);
    return null;
  }

  private group(open: Token): EvalNode | null {
    const inner = this.expression();
    this.closeParen(open);
    return inner;
  }

  /** Reports nesting past the bound at token `at` and skips what nests there. */
  private tooDeep(at: number): null {
    const token = this.tokens[at];
    this.env.problems.push(tooDeepProblem(token.text, token));
    this.pos = skipNested(this.tokens, at);
    return null;
  }

  /** `mvindex (x, 1)`: eval reads a name before "(" as a call, blank or not. */
  private call(name: Token): EvalNode {
    this.pos++;
    const args = this.list();
    return {
      kind: 'call',
      name: name.text.toLowerCase(),
      args,
      start: name.start,
      end: this.tokens[this.pos - 1].end,
    };
  }

  /** Comma-separated expressions up to the closing parenthesis (already past the opening one). */
  private list(): EvalNode[] {
    const open = this.tokens[this.pos - 1];
    const items: EvalNode[] = [];
    if (this.peek()?.type === 'rparen') {
      this.pos++;
      return items;
    }
    for (;;) {
      const item = this.expression();
      if (item) items.push(item);
      if (this.peek()?.type === 'comma') this.pos++;
      else break;
    }
    this.closeParen(open);
    return items;
  }

  private closeParen(open: Token): void {
    const t = this.peek();
    if (t?.type === 'rparen') this.pos++;
    else
      this.problem(
        `Unexpected ${describeToken(t?.text)}, expected ")" to close "("`,
        t ?? open,
        'unbalanced-bracket',
      );
  }

  private problem(
    message: string,
    at: { start: number; end: number },
    kind: ProblemKind = 'unexpected-token',
  ): void {
    this.env.problems.push({ severity: 'error', kind, message, start: at.start, end: at.end });
  }
}
