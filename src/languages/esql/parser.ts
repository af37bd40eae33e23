/** ES|QL commands: a source command, then processing commands after `|`; an unknown command is kept as a generic stage. */
import type { Assignment, Command, Expr } from './ast.js';
import { ExpressionParser } from './expression.js';
import { tokenize } from './lexer.js';
import type { Problem } from '../kit/problem.js';

const SOURCE_COMMANDS = new Set(['from', 'row', 'show', 'ts', 'metrics', 'explain']);

export interface EsqlParse {
  commands: Command[];
  problems: Problem[];
}

export function parseEsql(text: string): EsqlParse {
  const problems: Problem[] = [];
  const parser = new EsqlParser(tokenize(text, problems), problems);
  return { commands: parser.parseAll(), problems };
}

class EsqlParser extends ExpressionParser {
  /** What each command reads after its name; a command not listed here is skipped to the next pipe. */
  private readonly grammar: Record<string, (command: Command) => void> = {
    from: (c) => this.from(c),
    ts: (c) => this.from(c),
    row: (c) => (c.assignments = this.assignments(false)),
    eval: (c) => (c.assignments = this.assignments(false)),
    show: (c) => this.patterns(c),
    where: (c) => (c.condition = this.expression()),
    stats: (c) => this.stats(c),
    'inline stats': (c) => this.stats(c),
    keep: (c) => this.patterns(c),
    drop: (c) => this.patterns(c),
    rename: (c) => this.rename(c),
    sort: (c) => this.sort(c),
    limit: (c) => c.expressions.push(this.expression()),
    mv_expand: (c) => c.expressions.push(this.expression()),
    dissect: (c) => this.extract(c),
    grok: (c) => this.extract(c),
    enrich: (c) => this.enrich(c),
    'lookup join': (c) => this.lookupJoin(c),
  };

  parseAll(): Command[] {
    const commands: Command[] = [];
    if (this.atEnd) {
      this.unexpected('a source command (FROM, ROW, SHOW, TS)');
      return commands;
    }
    for (;;) {
      const command = this.command(commands.length === 0);
      if (command) commands.push(command);
      if (!this.atEnd && !this.isOp('|')) {
        this.unexpected('"|" or end of input');
        this.skipToPipe();
      }
      if (!this.acceptOp('|')) return commands;
    }
  }

  private command(first: boolean): Command | undefined {
    const word = this.peek();
    if (word.kind !== 'ident') {
      this.unexpected(first ? 'a source command (FROM, ROW, SHOW, TS)' : 'a command');
      this.skipToPipe();
      return undefined;
    }
    if (first && !SOURCE_COMMANDS.has(word.lower)) this.unexpected('a source command (FROM, ROW, SHOW, TS)');
    this.next();
    const command: Command = {
      name: this.commandName(word.lower),
      start: word.start,
      end: word.end,
      sources: [],
      metadata: [],
      assignments: [],
      groups: [],
      expressions: [],
      patterns: [],
    };
    const read = Object.hasOwn(this.grammar, command.name) ? this.grammar[command.name] : undefined;
    if (read) read(command);
    else this.skipToPipe();
    command.end = Math.max(word.end, this.previous.end);
    return command;
  }

  /** Two-word commands and the old spelling `INLINESTATS` read as one name. */
  private commandName(word: string): string {
    if (word === 'inlinestats') return 'inline stats';
    if (word === 'inline' && this.acceptWord('stats')) return 'inline stats';
    if (word === 'lookup' && this.acceptWord('join')) return 'lookup join';
    return word;
  }

  private from(command: Command): void {
    while (!this.isWord('metadata')) {
      const source = this.adjacentRun();
      if (!source) {
        this.unexpected('an index pattern');
        return;
      }
      command.sources.push({ name: source.text, start: source.start, end: source.end });
      if (!this.acceptOp(',')) break;
    }
    if (!this.acceptWord('metadata')) return;
    do {
      const field = this.adjacentRun();
      if (!field) return this.unexpected('a metadata field');
      command.metadata.push(field.text);
    } while (this.acceptOp(','));
  }

  /** `name = expr` or `expr`, comma-separated; STATS aggregates may each take `WHERE condition`. */
  private assignments(filtered: boolean): Assignment[] {
    const list: Assignment[] = [];
    do {
      const start = this.peek().start;
      const named =
        (this.peek().kind === 'ident' || this.peek().kind === 'quoted_ident') && this.isOp('=', 1);
      const name = named ? this.fieldName().text : null;
      if (named) this.next();
      const expr = this.expression();
      const filter = filtered && this.acceptWord('where') ? this.expression() : undefined;
      list.push({ name, expr, ...(filter ? { filter } : {}), start, end: this.previous.end });
    } while (this.acceptOp(','));
    return list;
  }

  private stats(command: Command): void {
    if (!this.isWord('by') && !this.isOp('|') && !this.atEnd) command.assignments = this.assignments(true);
    if (this.acceptWord('by')) command.groups = this.assignments(false);
  }

  private patterns(command: Command): void {
    do {
      const pattern = this.adjacentRun();
      if (!pattern) return this.unexpected('a field name or pattern');
      command.patterns.push(pattern.text);
    } while (this.acceptOp(','));
  }

  /** `old AS new` or `new = old`, comma-separated. */
  private rename(command: Command): void {
    do {
      const first = this.adjacentRun();
      const assign = first && (this.acceptWord('as') ? 'as' : this.acceptOp('=') ? '=' : undefined);
      const second = assign ? this.adjacentRun() : undefined;
      if (!first || !second) return this.unexpected(first ? 'a field name' : 'a field name and "AS"');
      const [from, to] = assign === 'as' ? [first, second] : [second, first];
      const expr: Expr = { kind: 'field', name: from.text, start: from.start, end: from.end };
      command.assignments.push({ name: to.text, expr, start: first.start, end: second.end });
    } while (this.acceptOp(','));
  }

  private sort(command: Command): void {
    do {
      command.expressions.push(this.expression());
      if (!this.acceptWord('asc')) this.acceptWord('desc');
      if (this.acceptWord('nulls') && !this.acceptWord('first') && !this.acceptWord('last'))
        this.unexpected('"FIRST" or "LAST"');
    } while (this.acceptOp(','));
  }

  /** DISSECT and GROK: an input expression, then pattern strings, then options such as `APPEND_SEPARATOR = "-"`. */
  private extract(command: Command): void {
    command.expressions.push(this.expression());
    do {
      const pattern = this.peek();
      if (pattern.kind !== 'string') return this.unexpected('a pattern string');
      command.patterns.push(this.next().value);
    } while (this.acceptOp(','));
    if (this.peek().kind === 'ident' && this.isOp('=', 1)) command.assignments = this.assignments(false);
  }

  private enrich(command: Command): void {
    const policy = this.adjacentRun();
    if (!policy) return this.unexpected('an enrich policy');
    command.sources.push({ name: policy.text, start: policy.start, end: policy.end });
    if (this.acceptWord('on')) command.expressions.push(this.expression());
    if (this.acceptWord('with')) command.assignments = this.assignments(false);
  }

  private lookupJoin(command: Command): void {
    const index = this.adjacentRun();
    if (!index) return this.unexpected('a lookup index');
    command.sources.push({ name: index.text, start: index.start, end: index.end });
    if (!this.acceptWord('on')) return this.unexpected('"ON"');
    do command.expressions.push(this.expression());
    while (this.acceptOp(','));
  }
}
