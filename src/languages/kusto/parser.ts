/** Kusto KQL parser: statements (`let`, queries, `set`/`declare`) separated by `;`, over the tabular and scalar grammars. */
import type { FunctionDecl, Script, Statement } from './ast.js';
import type { Problem } from '../kit/problem.js';
import { Cursor } from './cursor.js';
import { tokenize, type Token } from './lexer.js';
import { parsePipe } from './tabular.js';

/** Statements that configure the query and have nothing to lower. */
const OTHER_STATEMENTS = new Set(['set', 'declare', 'alias', 'restrict', 'pattern']);

export function parseScript(text: string): Script {
  const tokens = tokenize(text);
  const c = new Cursor(tokens, text);
  const statements: Statement[] = [];
  while (!c.atEnd) {
    if (c.accept(';')) continue;
    c.resume();
    statements.push(parseStatement(c));
    if (c.atEnd || c.accept(';')) continue;
    c.fail('";" or "|"');
    skipStatement(c);
  }
  return { statements, problems: withLexerProblems(c.problems, tokens) };
}

/** After an error, resumes at the next `;`, stepping over stray closers and pipes. */
function skipStatement(c: Cursor): void {
  for (c.synchronize(); !c.atEnd && !c.is(';'); c.synchronize()) c.next();
}

function parseStatement(c: Cursor): Statement {
  const start = c.peek().start;
  if (c.is('let') && !c.isAhead(1, '|')) return parseLet(c);
  const word = c.peek().kind === 'name' ? c.peek().text.toLowerCase() : '';
  if (OTHER_STATEMENTS.has(word) && c.peek(1).kind === 'name') {
    c.next();
    const names = word === 'declare' && c.isAhead(1, '(') ? (c.next(), parameterNames(c)) : [];
    c.synchronize();
    return { type: 'other', keyword: word, names, start, end: c.lastEnd };
  }
  const expr = parsePipe(c);
  return { type: 'query', expr, start, end: c.lastEnd };
}

function parseLet(c: Cursor): Statement {
  const start = c.next().start;
  const nameToken = c.peek();
  if (nameToken.kind === 'name') c.next();
  else c.fail('a name');
  const name = nameToken.kind === 'name' ? nameToken.text : '';
  c.expect('=');
  let value;
  if (c.is('view') && c.isAhead(1, '(')) {
    c.next();
    value = parseFunction(c);
  } else if (c.is('(') && looksLikeParameters(c)) value = parseFunction(c);
  else value = parsePipe(c);
  return { type: 'let', name, value, start, end: c.lastEnd };
}

/** `()` followed by `{`, or `(name:` : a function's parameter list rather than a parenthesised expression. */
function looksLikeParameters(c: Cursor): boolean {
  if (c.isAhead(1, ')')) return c.isAhead(2, '{');
  return c.peek(1).kind === 'name' && c.isAhead(2, ':');
}

function parseFunction(c: Cursor): FunctionDecl {
  const start = c.peek().start;
  const params = parameterNames(c);
  const body: Statement[] = [];
  if (!c.enter()) c.synchronize();
  else if (c.expect('{')) {
    while (!c.is('}') && !c.atEnd) {
      body.push(parseStatement(c));
      if (!c.accept(';')) break;
    }
    c.expect('}', '";" or "}"');
  }
  c.leave();
  return { type: 'function', params, body, start, end: c.lastEnd };
}

/** Skips `(a:string, T:(*), b:long = 5)` and returns the parameter names. */
function parameterNames(c: Cursor): string[] {
  const names: string[] = [];
  let depth = 0;
  while (!c.atEnd) {
    const t = c.next();
    if (t.kind === 'op' && t.text === '(') depth++;
    else if (t.kind === 'op' && t.text === ')' && --depth === 0) return names;
    else if (depth === 1 && t.kind === 'name' && c.is(':')) names.push(t.text);
  }
  c.fail('")"');
  return names;
}

/** Lexer errors the grammar stepped over (inside a skipped group) still need their diagnostic. */
function withLexerProblems(problems: Problem[], tokens: Token[]): Problem[] {
  const seen = new Set(problems.map((p) => p.start));
  const extra: Problem[] = [];
  for (const t of tokens) {
    if (t.kind !== 'error' || seen.has(t.start)) continue;
    const { start, end } = t;
    if (t.value === 'unterminated string')
      extra.push({
        severity: 'error',
        kind: 'unterminated-string',
        message: 'Unterminated string literal',
        start,
        end,
      });
    else
      extra.push({
        severity: 'error',
        kind: 'unexpected-character',
        message: `Unexpected character ${JSON.stringify(t.text)}`,
        start,
        end,
      });
  }
  if (extra.length === 0) return problems;
  return [...problems, ...extra].sort((a, b) => a.start - b.start);
}
