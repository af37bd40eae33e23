/** The YARA-L rule grammar: `rule NAME { section: ... }` with meta pairs, match windows and expression statements. */
import type { Expr, MatchClause, MetaEntry, RuleNode, Section, SectionName } from './ast.js';
import { Cursor, SECTION_NAMES } from './cursor.js';
import { parseExpression } from './expression.js';
import { tokenize, type Token } from './lexer.js';
import type { Problem } from '../kit/problem.js';

export interface ParseResult {
  rule: RuleNode | null;
  problems: Problem[];
}

const SECTION_LIST = [...SECTION_NAMES].join(', ');
const MATCH_KEYWORDS = new Set(['over', 'by']);

export function parseYaral(text: string): ParseResult {
  const problems: Problem[] = [];
  const c = new Cursor(text, tokenize(text, problems), problems);
  const rule = parseRule(c);
  if (rule && !c.atEnd) c.unexpected('end of input after the rule');
  return { rule, problems };
}

function parseRule(c: Cursor): RuleNode | null {
  if (c.atEnd) {
    c.unexpected('"rule"');
    return null;
  }
  const start = c.peek().start;
  if (!c.expect('word', 'rule', '"rule"')) return null;
  const name = c.expect('word', undefined, 'a rule name');
  if (!name) return null;
  if (!c.expect('punct', '{', `"{" to open rule ${name.value}`)) return null;
  const sections = parseSections(c);
  const close = c.accept('punct', '}');
  if (!close) c.unexpected(`"}" to close rule ${name.value}`);
  const rule: RuleNode = { name: name.value, sections, start, end: close ? close.end : c.previous.end };
  // Without its brace the rule's end is a guess; a missing section would only repeat that problem.
  if (close) requireSections(c, rule, name);
  return rule;
}

/** Chronicle refuses a rule without `events` or `condition`. */
function requireSections(c: Cursor, rule: RuleNode, at: Token): void {
  for (const name of ['events', 'condition'] as const) {
    if (!rule.sections.some((s) => s.name === name))
      c.report('missing-part', `Rule ${rule.name} has no ${name} section`, at);
  }
}

function parseSections(c: Cursor): Section[] {
  const sections: Section[] = [];
  while (!c.atEnd && !c.isPunct('}')) {
    if (!c.atSectionHeader()) {
      c.unexpected(`a section (${SECTION_LIST})`);
      c.recover();
      if (!c.atSectionHeader() && !c.isPunct('}') && !c.atEnd) c.next();
      continue;
    }
    const header = c.next();
    c.next();
    if (!SECTION_NAMES.has(header.value)) {
      c.report(
        'unknown-name',
        `Unexpected section "${header.value}", expected one of ${SECTION_LIST}`,
        header,
      );
      skipSection(c);
      continue;
    }
    const name = header.value as SectionName;
    if (sections.some((s) => s.name === name))
      c.report('invalid-value', `Section "${name}" appears twice`, header, 'warning');
    sections.push(parseSection(c, name, header));
  }
  return sections;
}

function skipSection(c: Cursor): void {
  while (!c.atEnd && !c.isPunct('}') && !c.atSectionHeader()) c.next();
}

function parseSection(c: Cursor, name: SectionName, header: Token): Section {
  const section: Section = {
    name,
    start: header.start,
    end: c.previous.end,
    statements: [],
    meta: [],
    match: null,
  };
  if (name === 'meta') section.meta = parseMeta(c);
  else if (name === 'match') section.match = parseMatch(c);
  else section.statements = parseStatements(c);
  section.end = Math.max(section.end, c.previous.end);
  if (name === 'events' && section.statements.length === 0)
    c.report('missing-part', 'Unexpected end of section, expected at least one event statement', header);
  return section;
}

/** Statements run one to a line; a statement may go on over lines while it is inside brackets or after `and`/`or`. */
function parseStatements(c: Cursor): Expr[] {
  const statements: Expr[] = [];
  while (!c.atEnd && !c.isPunct('}') && !c.atSectionHeader()) {
    const before = c.peek();
    const reported = c.problems.length;
    const expr = parseExpression(c);
    if (expr && c.atStatementBoundary()) {
      statements.push(expr);
      continue;
    }
    if (expr) statements.push(expr);
    // A problem inside the expression already says what went wrong here.
    if (expr && c.problems.length === reported) c.unexpected('"and", "or" or the end of the statement');
    c.recover();
    if (c.peek() === before) c.next();
  }
  return statements;
}

/** `key = "value"` pairs, one to a line; a key may repeat. */
function parseMeta(c: Cursor): MetaEntry[] {
  const entries: MetaEntry[] = [];
  while (!c.atEnd && !c.isPunct('}') && !c.atSectionHeader()) {
    const key = c.expect('word', undefined, 'a meta key');
    const entry =
      key && c.expect('op', '=', `"=" after meta key ${key.value}`) ? metaValue(c, key) : undefined;
    if (entry) {
      entries.push(entry);
      if (c.atStatementBoundary()) continue;
      c.unexpected('the end of the meta entry');
    }
    const before = c.peek();
    c.recover();
    if (c.peek() === before && !c.isPunct('}')) c.next();
  }
  return entries;
}

function metaValue(c: Cursor, key: Token): MetaEntry | undefined {
  const t = c.peek();
  if (t.kind === 'string' || t.kind === 'number' || t.kind === 'word') {
    c.next();
    return { key: key.value, value: t.value, start: key.start, end: t.end };
  }
  c.unexpected(`a string value for meta key ${key.value}`);
  return undefined;
}

/** `$a, $b over 5m`, optionally `before`/`after` an event variable. */
function parseMatch(c: Cursor): MatchClause | null {
  if (c.atSectionHeader() || c.isPunct('}')) return null;
  const start = c.peek().start;
  const variables: string[] = [];
  do {
    const v = c.expect('variable', undefined, 'a match variable');
    if (!v) return abandonMatch(c);
    variables.push(v.value);
  } while (c.accept('punct', ','));
  const keyword = c.peek().kind === 'word' && MATCH_KEYWORDS.has(c.peek().value) ? c.next() : undefined;
  if (!keyword) {
    c.unexpected('"over" and a time window');
    return abandonMatch(c);
  }
  const window = c.expect('duration', undefined, 'a time window such as 5m');
  if (!window) return abandonMatch(c);
  let end = window.end;
  if ((c.isWord('before') || c.isWord('after')) && c.peek(1).kind === 'variable') {
    c.next();
    end = c.next().end;
  }
  if (!c.atStatementBoundary()) {
    c.unexpected('the end of the match section');
    skipSection(c);
  }
  return { variables, keyword: keyword.value, window: window.value, start, end };
}

function abandonMatch(c: Cursor): null {
  skipSection(c);
  return null;
}
