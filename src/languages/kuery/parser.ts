/** Recursive-descent parser for Kibana KQL: `not` binds tighter than `and`, `and` tighter than `or`, as in Kibana. */
import { lookupTable } from '../../text/lookup.js';
import type { FieldRange, KueryLiteral, QueryNode, RangeOperator, ValueNode } from './ast.js';
import { tokenize, type Token, type TokenKind } from './lexer.js';
import { TokenCursor } from '../kit/cursor.js';
import type { Problem } from '../kit/problem.js';

const RANGE_OPS: Readonly<Record<string, RangeOperator>> = lookupTable({
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
});
const EXPECTED: Record<TokenKind, string> = {
  lparen: '"("',
  rparen: '")"',
  lbrace: '"{"',
  rbrace: '"}"',
  colon: '":"',
  range: 'a range operator',
  literal: 'a value',
  and: '"and"',
  or: '"or"',
  not: '"not"',
  eof: 'end of input',
};

export interface KueryParse {
  query: QueryNode | null;
  problems: Problem[];
}

export function parseKuery(text: string): KueryParse {
  const problems: Problem[] = [];
  const parser = new KueryParser(tokenize(text, problems), problems);
  return { query: parser.parseAll(), problems };
}

class KueryParser extends TokenCursor<Token> {
  /** The whole query; text the grammar cannot place is reported, skipped, and parsing resumes after it. */
  parseAll(): QueryNode | null {
    const parts: QueryNode[] = [];
    while (this.peek().kind !== 'eof') {
      const part = this.orQuery();
      if (part) parts.push(part);
      if (this.peek().kind !== 'eof') {
        this.unexpected('"and", "or" or end of input');
        this.index++;
        if (!this.accept('and')) this.accept('or');
      }
    }
    if (parts.length <= 1) return parts[0] ?? null;
    return { kind: 'and', items: parts, start: parts[0].start, end: parts[parts.length - 1].end };
  }

  private accept(kind: TokenKind): Token | undefined {
    return this.peek().kind === kind ? this.next() : undefined;
  }

  private expect(kind: TokenKind): void {
    if (!this.accept(kind)) this.unexpected(EXPECTED[kind]);
  }

  private orQuery(): QueryNode | null {
    return this.chain('or', () => this.andQuery());
  }

  private andQuery(): QueryNode | null {
    return this.chain('and', () => this.notQuery());
  }

  /** `a <kind> b <kind> c` as one n-ary node; operands that failed are left out. */
  private chain<T extends QueryNode | ValueNode>(kind: 'and' | 'or', operand: () => T | null): T | null {
    const items: T[] = [];
    const first = operand();
    if (first) items.push(first);
    while (this.accept(kind)) {
      const item = operand();
      if (item) items.push(item);
    }
    if (items.length <= 1) return items[0] ?? null;
    // Both trees (queries, value lists) hold their own n-ary nodes, so an `and`/`or` of T is a T.
    return { kind, items, start: items[0].start, end: items[items.length - 1].end } as unknown as T;
  }

  private notQuery(): QueryNode | null {
    return this.negations(() => this.subQuery());
  }

  /** Leading `not`s, read in a loop so that a long run of them cannot exhaust the stack. */
  private negations<T extends QueryNode | ValueNode>(operand: () => T | null): T | null {
    const nots: number[] = [];
    while (this.peek().kind === 'not') nots.push(this.next().start);
    let item = operand();
    for (let i = nots.length - 1; i >= 0 && item; i--)
      item = { kind: 'not', item, start: nots[i], end: item.end } as unknown as T;
    return item;
  }

  private subQuery(): QueryNode | null {
    const open = this.peek();
    if (open.kind !== 'lparen') return this.expression();
    return this.nested(() => {
      this.next();
      const query = this.orQuery();
      this.expect('rparen');
      if (query) {
        query.start = open.start;
        query.end = this.lastEnd;
      }
      return query;
    });
  }

  /** Runs a bracketed production, refusing nesting too deep for the stack. */
  private nested<T>(production: () => T | null): T | null {
    if (!this.enter()) {
      this.index = this.tokens.length - 1;
      return null;
    }
    try {
      return production();
    } finally {
      this.leave();
    }
  }

  private expression(): QueryNode | null {
    const token = this.peek();
    if (token.kind !== 'literal') {
      this.unexpected('a field, a value, "not" or "("');
      return null;
    }
    const field = literal(this.next());
    const after = this.peek();
    if (after.kind === 'range') return this.range(field);
    if (after.kind !== 'colon') return { kind: 'text', value: field, start: field.start, end: field.end };
    this.next();
    if (this.peek().kind === 'lbrace') return this.nestedQuery(field);
    const value = this.valueList();
    if (!value) return null;
    return { kind: 'field', field, value, start: field.start, end: value.end };
  }

  private range(field: KueryLiteral): FieldRange | null {
    const op = RANGE_OPS[this.next().text];
    const token = this.accept('literal');
    if (!token) {
      this.unexpected('a value');
      return null;
    }
    return { kind: 'range', field, op, value: literal(token), start: field.start, end: token.end };
  }

  private nestedQuery(field: KueryLiteral): QueryNode | null {
    return this.nested(() => {
      this.next();
      const query = this.orQuery();
      this.expect('rbrace');
      if (!query) return null;
      return { kind: 'nested', field, query, start: field.start, end: this.lastEnd };
    });
  }

  private valueList(): ValueNode | null {
    const open = this.peek();
    if (open.kind === 'literal') return literal(this.next());
    if (open.kind !== 'lparen') {
      this.unexpected('a value or "("');
      return null;
    }
    return this.nested(() => {
      this.next();
      const values = this.orValues();
      this.expect('rparen');
      if (values) {
        values.start = open.start;
        values.end = this.lastEnd;
      }
      return values;
    });
  }

  private orValues(): ValueNode | null {
    return this.chain('or', () => this.andValues());
  }

  private andValues(): ValueNode | null {
    return this.chain('and', () => this.notValues());
  }

  private notValues(): ValueNode | null {
    return this.negations(() => this.valueList());
  }
}

function literal(token: Token): KueryLiteral {
  return {
    kind: 'literal',
    value: token.value,
    quoted: token.quoted,
    wildcard: token.wildcard,
    glob: token.glob ?? token.value,
    start: token.start,
    end: token.end,
  };
}
