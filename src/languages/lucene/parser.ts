/**
 * Recursive-descent parser for Lucene query strings: NOT (`!`, `-`) binds tightest, then AND (`&&`), then OR (`||`);
 * clauses side by side are joined by the implicit operator, OR as in Elasticsearch's default. The tree keeps
 * which clauses AND joined; the lowering reads it as Lucene's occurrences (required, excluded, optional).
 */
import { lookupTable } from '../../text/lookup.js';
import type { AndNode, Extent, LeafValue, NotNode, OrNode, QueryNode, ValueNode } from './ast.js';
import { tokenize, type Token, type TokenKind } from './lexer.js';
import { TokenCursor } from '../kit/cursor.js';
import type { Problem } from '../kit/problem.js';

const COMPARE: Readonly<Record<string, 'gt' | 'gte' | 'lt' | 'lte'>> = lookupTable({
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
});
/** Tokens that open a clause, so that two clauses side by side are joined by the implicit operator. */
const CLAUSE_START = new Set<TokenKind>([
  'term',
  'phrase',
  'regex',
  'range',
  'compare',
  'lparen',
  'not',
  'plus',
  'minus',
]);
const LOWER_CASE_OPERATORS = new Set(['and', 'or', 'not']);

/** Both trees (clauses, value lists) hold their own boolean nodes, so a boolean node of T is a T. */
function bool<T>(node: OrNode<T> | AndNode<T> | NotNode<T>): T {
  return node as unknown as T;
}

export interface LuceneParse {
  query: QueryNode | null;
  problems: Problem[];
}

export function parseLucene(text: string): LuceneParse {
  const problems: Problem[] = [];
  const parser = new LuceneParser(tokenize(text, problems), problems);
  return { query: parser.parseAll(), problems };
}

class LuceneParser extends TokenCursor<Token> {
  parseAll(): QueryNode | null {
    const parts: QueryNode[] = [];
    while (this.peek().kind !== 'eof') {
      const part = this.orExpr(() => this.clause());
      if (part) parts.push(part);
      if (this.peek().kind !== 'eof') {
        this.unexpected('an operator, a clause or end of input');
        this.index++;
        if (!this.accept('and')) this.accept('or');
      }
    }
    return parts.length <= 1 ? (parts[0] ?? null) : { kind: 'or', items: parts, ...span(parts) };
  }

  private accept(kind: TokenKind): Token | undefined {
    return this.peek().kind === kind ? this.next() : undefined;
  }

  /** OR and the implicit operator over AND-chains; the same grammar serves clauses and bracketed value lists. */
  private orExpr<T extends Extent>(primary: () => T | null): T | null {
    const items: T[] = [];
    for (;;) {
      const item = this.andExpr(primary);
      if (item) items.push(item);
      if (!this.accept('or') && !CLAUSE_START.has(this.peek().kind)) break;
    }
    return items.length <= 1 ? (items[0] ?? null) : bool({ kind: 'or', items, ...span(items) });
  }

  private andExpr<T extends Extent>(primary: () => T | null): T | null {
    const items: T[] = [];
    const first = this.unary(primary);
    if (first) items.push(first);
    while (this.accept('and')) {
      const item = this.unary(primary);
      if (item) items.push(item);
    }
    return items.length <= 1 ? (items[0] ?? null) : bool({ kind: 'and', items, ...span(items) });
  }

  /** Prefix operators, read in a loop so that a long run of them cannot exhaust the stack; `+` only requires. */
  private unary<T extends Extent>(primary: () => T | null): T | null {
    const nots: number[] = [];
    for (let op = this.prefix(); op; op = this.prefix()) if (op.kind !== 'plus') nots.push(op.start);
    let node = primary();
    while (this.accept('modifier'));
    for (let i = nots.length - 1; i >= 0 && node; i--)
      node = bool({ kind: 'not', item: node, start: nots[i], end: node.end });
    return node;
  }

  private prefix(): Token | undefined {
    return this.accept('not') ?? this.accept('minus') ?? this.accept('plus');
  }

  /** `( ... )` around an OR expression, guarded against nesting too deep for the stack. */
  private group<T extends Extent>(primary: () => T | null): T | null {
    if (!this.enter()) {
      this.index = this.tokens.length - 1;
      return null;
    }
    const open = this.next();
    const node = this.orExpr(primary);
    this.leave();
    if (!this.accept('rparen')) this.unexpected('")"');
    if (node) {
      node.start = open.start;
      node.end = this.lastEnd;
    }
    return node;
  }

  private clause(): QueryNode | null {
    const token = this.peek();
    if (token.kind === 'lparen') return this.group(() => this.clause());
    if (token.kind === 'term' && this.peek(1).kind === 'colon') {
      this.index += 2;
      const value = this.peek().kind === 'lparen' ? this.group(() => this.leaf()) : this.leaf();
      return value ? { kind: 'field', field: token.value, value, start: token.start, end: value.end } : null;
    }
    const value = this.leaf();
    return value && value.kind !== 'or' && value.kind !== 'and' && value.kind !== 'not'
      ? { kind: 'free', value, start: value.start, end: value.end }
      : null;
  }

  private leaf(): ValueNode | null {
    const token = this.peek();
    switch (token.kind) {
      case 'lparen':
        return this.group(() => this.leaf());
      case 'term':
        this.next();
        this.warnLowerCaseOperator(token);
        return {
          kind: 'term',
          value: token.value,
          wildcard: token.wildcard,
          glob: token.glob ?? token.value,
          start: token.start,
          end: token.end,
        };
      case 'phrase':
      case 'regex':
        this.next();
        return { kind: token.kind, value: token.value, start: token.start, end: token.end };
      case 'range':
        this.next();
        return token.range ? { kind: 'range', ...token.range, start: token.start, end: token.end } : null;
      case 'compare':
        return this.compare();
      default:
        this.unexpected('a term, a phrase, a range, a regular expression or "("');
        return null;
    }
  }

  private compare(): LeafValue | null {
    const op = this.next();
    const value = this.accept('term') ?? this.accept('phrase');
    if (!value) {
      this.unexpected('a value');
      return null;
    }
    return { kind: 'compare', op: COMPARE[op.text], value: value.value, start: op.start, end: value.end };
  }

  /** Elasticsearch reads lower-case `or` as a word to search for; the author almost always meant the operator. */
  private warnLowerCaseOperator(token: Token): void {
    if (!LOWER_CASE_OPERATORS.has(token.text)) return;
    this.problems.push({
      severity: 'warning',
      kind: 'unsupported',
      message: `Lower-case "${token.text}" is a search term in Lucene, not an operator (operators are upper case)`,
      start: token.start,
      end: token.end,
    });
  }
}

function span(items: Extent[]): Extent {
  return { start: items[0].start, end: items[items.length - 1].end };
}
