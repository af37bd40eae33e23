/** The EQL query grammar: an event query, sequence, sample or join, then pipes; built on the expression grammar. */
import type { EventQuery, Expr, Pipe, Query, SequenceQuery, SequenceTerm } from './ast.js';
import { ExpressionParser } from './expression.js';
import type { Token } from './lexer.js';
import type { Problem } from '../kit/problem.js';

/** Pipes of Elasticsearch EQL (`head`, `tail`) and of the original EQL engine that eqllib used. */
export const PIPES = ['head', 'tail', 'filter', 'unique', 'unique_count', 'count', 'sort', 'window'];
const KNOWN_PIPES = new Set(PIPES);
const TIME_UNITS = new Set(['ms', 's', 'm', 'h', 'd']);
const TOP_STOPS = new Set(['|']);
const TERM_STOPS = new Set([']']);

export class QueryParser extends ExpressionParser {
  constructor(
    tokens: Token[],
    protected readonly legacy: boolean,
  ) {
    super(tokens);
  }

  query(): Query {
    const head = this.peek().kind === 'eof' ? null : this.head();
    if (!head) this.unexpected('an event query like "process where ..." or "sequence"');
    const pipes: Pipe[] = [];
    for (;;) {
      if (this.isPunct('|')) pipes.push(this.pipe());
      else if (this.peek().kind === 'eof') break;
      else {
        this.unexpected('"|" or end of input');
        this.skipTo(TOP_STOPS);
        if (!this.isPunct('|')) this.next();
      }
    }
    return { head, pipes };
  }

  private head(): EventQuery | SequenceQuery {
    for (const kind of ['sequence', 'sample', 'join'] as const) {
      if (this.isWord(kind) && !this.isWord('where', 1)) return this.sequence(kind);
    }
    return this.event();
  }

  /** `category where condition`; the category may be a word, `any`, a string or a backquoted name. */
  private event(): EventQuery {
    const first = this.peek();
    let category = '';
    if (first.kind === 'ident' || first.kind === 'string' || (first.kind === 'field' && !first.optional)) {
      this.next();
      category = first.value;
    } else this.unexpected('an event category such as "process" or "any"');
    if (!this.acceptWord('where')) {
      this.unexpected('"where"');
      return { kind: 'event', category, condition: null, start: first.start, end: this.lastEnd };
    }
    const condition = this.expression();
    const end = condition.kind === 'error' ? this.lastEnd : Math.max(condition.end, this.lastEnd);
    return { kind: 'event', category, condition, start: first.start, end };
  }

  private sequence(kind: SequenceQuery['kind']): SequenceQuery {
    const start = this.next().start;
    const query: SequenceQuery = { kind, by: [], terms: [], start, end: start };
    for (let round = 0; round < 2; round++) {
      if (this.isWord('by')) query.by = this.joinKeys();
      else if (this.isWord('with') && this.isWord('maxspan', 1)) query.maxspan = this.maxspan();
    }
    while (this.isPunct('[') || this.isPunct('![')) query.terms.push(this.term());
    if (query.terms.length === 0) this.unexpected('"[" to open a sub-query');
    if (this.acceptWord('until')) {
      if (this.isPunct('[')) query.until = this.term();
      else this.unexpected('"[" to open the until sub-query');
    }
    query.end = this.lastEnd;
    return query;
  }

  private joinKeys(): Expr[] {
    this.next(); // by
    const keys = [this.expression()];
    while (this.acceptPunct(',')) keys.push(this.expression());
    return keys;
  }

  /** `with maxspan=10s`: the span as written. */
  private maxspan(): string {
    this.next(); // with
    this.next(); // maxspan
    this.expectPunct('=');
    const t = this.peek();
    if (t.kind !== 'number') {
      this.unexpected('a time span such as 30s');
      return '';
    }
    this.next();
    let unit = t.unit;
    if (!unit && this.peek().kind === 'ident' && TIME_UNITS.has(this.peek().value)) unit = this.next().value;
    if (unit && !TIME_UNITS.has(unit))
      this.report(
        'invalid-value',
        `Unexpected time unit ${JSON.stringify(unit)}, expected one of ms, s, m, h, d`,
        t,
      );
    return `${t.value}${unit ?? ''}`;
  }

  /** `[category where ...] by keys with runs=N`, or `![...]` for an event that must not occur. */
  private term(): SequenceTerm {
    const open = this.next();
    const query = this.subqueryBody();
    const term: SequenceTerm = {
      query,
      by: [],
      missing: open.text === '![',
      start: open.start,
      end: this.lastEnd,
    };
    if (this.isWord('by')) term.by = this.joinKeys();
    if (this.isWord('with') && this.isWord('runs', 1)) {
      this.next();
      this.next();
      this.expectPunct('=');
      const n = this.peek();
      if (n.kind === 'number') term.runs = Number(this.next().value);
      else this.unexpected('a number of runs');
    }
    term.end = this.lastEnd;
    return term;
  }

  /** The inside of `[...]` up to and including the closing bracket. */
  private subqueryBody(): EventQuery {
    const query = this.event();
    if (!this.isPunct(']')) {
      this.unexpected('"]" to close the sub-query');
      // A forgotten `]` before the next sub-query: keep that sub-query rather than skip it.
      const nextTerm = this.isPunct('[') || this.isPunct('![') || this.isWord('until');
      if (!nextTerm) this.skipTo(TERM_STOPS);
    }
    this.acceptPunct(']');
    this.resume();
    return query;
  }

  protected subquery(): EventQuery {
    if (!this.acceptPunct('[')) {
      this.unexpected('"[" to open a sub-query');
      return {
        kind: 'event',
        category: '',
        condition: null,
        start: this.peek().start,
        end: this.peek().start,
      };
    }
    return this.subqueryBody();
  }

  private pipe(): Pipe {
    const bar = this.next();
    const nameToken = this.peek();
    if (nameToken.kind !== 'ident') {
      this.unexpected(`a pipe name (${PIPES.join(', ')})`);
      this.skipTo(TOP_STOPS);
      return { name: '', args: [], start: bar.start, end: this.lastEnd };
    }
    this.next();
    const name = nameToken.value.toLowerCase();
    if (!KNOWN_PIPES.has(name)) {
      this.report(
        'unknown-name',
        `Unexpected pipe ${JSON.stringify(nameToken.value)}, expected one of ${PIPES.join(', ')}`,
        nameToken,
      );
    }
    const args: Expr[] = [];
    if (!this.isPunct('|') && this.peek().kind !== 'eof') {
      args.push(this.expression());
      for (;;) {
        if (this.acceptPunct(',')) args.push(this.expression());
        // Legacy pipes took their arguments space-separated: `| unique unique_pid destination_port`.
        else if (this.legacy && this.peek().kind === 'ident') {
          const before = this.peek();
          args.push(this.expression());
          if (this.peek() === before) break;
        } else break;
      }
    }
    return { name, args, start: nameToken.start, end: this.lastEnd };
  }
}

export function parseTokens(tokens: Token[], legacy: boolean): { query: Query; problems: Problem[] } {
  const parser = new QueryParser(tokens, legacy);
  const query = parser.query();
  return { query, problems: parser.problems };
}
