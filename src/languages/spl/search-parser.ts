/** Recursive-descent grammar of SPL search expressions: implicit AND binding looser than OR, NOT, comparisons, IN, directives. */
import type { CompareOp, Literal, Pipeline, SearchNode } from './ast.js';
import type { Token } from './lexer.js';
import type { Range } from './pipeline.js';
import { describeToken } from '../../text/diagnostics.js';
import type { Problem, ProblemKind } from '../kit/problem.js';
import { tooDeepProblem, type NestingDepth } from '../kit/depth.js';

export interface ParseEnv {
  text: string;
  problems: Problem[];
  /** Nesting so far, groups, NOTs and subsearches alike. */
  depth: NestingDepth;
  parseSubsearch(range: Range): Pipeline;
}

const COMPARE_OPS = new Set(['=', '!=', '==', '<', '<=', '>', '>=']);

export function literalOf(token: Token): Literal {
  return { value: token.value, quoted: token.type === 'string', start: token.start, end: token.end };
}

/** Parses all of `tokens` as one search expression; null when there is nothing to search. */
export function parseSearchExpression(tokens: Token[], env: ParseEnv): SearchNode | null {
  const parser = new SearchParser(tokens, env);
  return parser.parseAll();
}

class SearchParser {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly env: ParseEnv,
  ) {}

  parseAll(): SearchNode | null {
    const parts: SearchNode[] = [];
    const first = this.parseAnd();
    if (first) parts.push(first);
    // A stray ")" is reported and skipped; what follows it still counts.
    while (this.pos < this.tokens.length) {
      const stray = this.tokens[this.pos++];
      this.problem(`Unexpected ${describeToken(stray.text)}, expected a search term`, stray);
      const more = this.parseAnd();
      if (more) parts.push(more);
    }
    if (parts.length <= 1) return parts[0] ?? null;
    return { kind: 'and', items: parts, start: parts[0].start, end: parts[parts.length - 1].end };
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private isKeyword(token: Token | undefined, word: string): boolean {
    return token?.type === 'word' && token.text === word;
  }

  /** Splunk's search reads `a OR b c` as `(a OR b) c`: the implicit (or explicit) AND binds loosest. */
  private parseAnd(): SearchNode | null {
    const items: SearchNode[] = [];
    while (this.pos < this.tokens.length && this.peek()?.type !== 'rparen') {
      if (this.isKeyword(this.peek(), 'AND')) {
        this.pos++;
        continue;
      }
      const item = this.parseOr();
      if (item) items.push(item);
    }
    if (items.length === 0) return null;
    if (items.length === 1) return items[0];
    return { kind: 'and', items, start: items[0].start, end: items[items.length - 1].end };
  }

  private parseOr(): SearchNode | null {
    const first = this.parseNot();
    const items = first ? [first] : [];
    while (this.isKeyword(this.peek(), 'OR')) {
      const or = this.tokens[this.pos++];
      const next = this.parseNot();
      if (next) items.push(next);
      else
        this.problem(
          `Unexpected ${describeToken(this.peek()?.text)}, expected a search term after OR`,
          this.peek() ?? or,
        );
    }
    if (items.length <= 1) return items[0] ?? null;
    return { kind: 'or', items, start: items[0].start, end: items[items.length - 1].end };
  }

  private parseNot(): SearchNode | null {
    const token = this.peek();
    if (!this.isKeyword(token, 'NOT')) return this.parsePrimary();
    if (!this.env.depth.enter()) return this.tooDeep(token!);
    this.pos++;
    const item = this.parseNot();
    this.env.depth.leave();
    if (!item) {
      this.problem(
        `Unexpected ${describeToken(this.peek()?.text)}, expected a search term after NOT`,
        this.peek() ?? token!,
      );
      return null;
    }
    return { kind: 'not', item, start: token!.start, end: item.end };
  }

  private parsePrimary(): SearchNode | null {
    const token = this.peek();
    if (!token || token.type === 'rparen') return null;
    if (this.isKeyword(token, 'OR') || this.isKeyword(token, 'AND')) {
      this.pos++;
      this.problem(`Unexpected ${describeToken(token.text)}, expected a search term`, token);
      return null;
    }
    this.pos++;
    switch (token.type) {
      case 'lparen':
        return this.parseGroup(token);
      case 'subsearch':
        return {
          kind: 'subsearch',
          pipeline: this.env.parseSubsearch({ start: token.start + 1, end: token.end - 1 }),
          start: token.start,
          end: token.end,
        };
      case 'comma':
        return null;
      case 'word':
        // A stray "]" was reported by the pipeline scan; it is no term.
        return token.text === ']' ? null : this.parseAfterWord(token);
      case 'string':
      case 'field':
        return this.parseAfterWord(token);
      default:
        this.problem(`Unexpected ${describeToken(token.text)}, expected a search term`, token);
        return null;
    }
  }

  /** An empty group is no error: it is what a macro that expanded to nothing leaves (`NOT (`m`)`). */
  private parseGroup(open: Token): SearchNode {
    if (!this.env.depth.enter()) {
      this.pos--;
      return this.tooDeep(open);
    }
    const inner = this.parseAnd();
    this.env.depth.leave();
    const close = this.peek();
    if (close?.type === 'rparen') this.pos++;
    else
      this.problem(
        `Unexpected ${describeToken(close?.text)}, expected ")" to close "("`,
        close ?? open,
        'unbalanced-bracket',
      );
    return inner ?? { kind: 'and', items: [], start: open.start, end: close?.end ?? open.end };
  }

  private parseAfterWord(token: Token): SearchNode | null {
    const next = this.peek();
    if (next?.type === 'op' && COMPARE_OPS.has(next.text)) return this.parseComparison(token, next);
    if (token.type === 'word' && next?.type === 'lparen' && next.glued && /^(TERM|CASE)$/i.test(token.text))
      return this.parseDirective(token);
    if (next?.type === 'word' && /^in$/i.test(next.text) && this.peek(1)?.type === 'lparen')
      return this.parseIn(token);
    return { kind: 'term', term: literalOf(token), start: token.start, end: token.end };
  }

  private parseComparison(field: Token, op: Token): SearchNode | null {
    this.pos++;
    const value = this.peek();
    if (!value || (value.type !== 'word' && value.type !== 'string')) {
      this.problem(
        `Unexpected ${describeToken(value?.text)}, expected a value after "${op.text}"`,
        value ?? op,
      );
      return null;
    }
    this.pos++;
    return {
      kind: 'compare',
      field: literalOf(field),
      op: op.text as CompareOp,
      value: literalOf(value),
      start: field.start,
      end: value.end,
    };
  }

  private parseIn(field: Token): SearchNode {
    this.pos += 2;
    const values: Literal[] = [];
    let end = field.end;
    while (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos++];
      end = t.end;
      if (t.type === 'rparen')
        return { kind: 'in', field: literalOf(field), values, start: field.start, end };
      if (t.type === 'word' || t.type === 'string') values.push(literalOf(t));
      else if (t.type !== 'comma')
        this.problem(`Unexpected ${describeToken(t.text)}, expected a value in the IN list`, t);
    }
    this.problem('Unexpected end of input, expected ")" to close the IN list', field, 'unbalanced-bracket');
    return { kind: 'in', field: literalOf(field), values, start: field.start, end };
  }

  /** `TERM(...)`/`CASE(...)`: the raw text up to the matching parenthesis is one term. */
  private parseDirective(name: Token): SearchNode {
    const open = this.tokens[this.pos++];
    const innerFrom = this.pos;
    let depth = 1;
    while (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos];
      if (t.type === 'lparen') depth++;
      else if (t.type === 'rparen' && --depth === 0) break;
      this.pos++;
    }
    const inner = this.tokens.slice(innerFrom, this.pos);
    const close = this.tokens[this.pos];
    if (close) this.pos++;
    else
      this.problem(
        `Unexpected end of input, expected ")" to close ${name.text}(`,
        open,
        'unbalanced-bracket',
      );
    const end = close ? close.start : (inner[inner.length - 1]?.end ?? open.end);
    const single = inner.length === 1 && inner[0].type === 'string' ? inner[0] : undefined;
    const text: Literal = single
      ? literalOf(single)
      : { value: this.env.text.slice(open.end, end), quoted: false, start: open.end, end };
    const comparison =
      inner.length === 3 &&
      inner[1].type === 'op' &&
      COMPARE_OPS.has(inner[1].text) &&
      inner[2].type !== 'op';
    const innerNode: SearchNode | null = comparison
      ? {
          kind: 'compare',
          field: literalOf(inner[0]),
          op: inner[1].text as CompareOp,
          value: literalOf(inner[2]),
          start: inner[0].start,
          end: inner[2].end,
        }
      : null;
    const directive = name.text.toUpperCase() as 'TERM' | 'CASE';
    return {
      kind: 'directive',
      name: directive,
      text,
      inner: innerNode,
      start: name.start,
      end: close ? close.end : end,
    };
  }

  /** Reports nesting past the bound at `at` and skips the rest of the nested part: the search after it still parses. */
  private tooDeep(at: Token): SearchNode {
    this.env.problems.push(tooDeepProblem(at.text, at));
    this.pos = skipNested(this.tokens, this.pos);
    // An empty group stands for the skipped part, so the NOTs and groups around it report nothing more.
    return { kind: 'and', items: [], start: at.start, end: this.tokens[this.pos - 1]?.end ?? at.end };
  }

  private problem(message: string, at: Range, kind: ProblemKind = 'unexpected-token'): void {
    this.env.problems.push({ severity: 'error', kind, message, start: at.start, end: at.end });
  }
}

/**
 * The index past what nests at `from`: NOTs and a term, or a group to its closing ")" (or the end). Shared by
 * the search and eval grammars, whose parentheses lex alike.
 */
export function skipNested(tokens: readonly Token[], from: number): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'lparen') depth++;
    else if (t.type === 'rparen' && --depth <= 0) return i + 1;
    else if (depth === 0 && !(t.type === 'word' && /^NOT$/i.test(t.text)) && t.type !== 'op') return i + 1;
  }
  return tokens.length;
}
