/** SPL tokens with offsets: search mode (bare words with wildcards and paths) and eval mode (operators, functions). */
import type { Range } from './pipeline.js';

export type TokenType = 'word' | 'string' | 'field' | 'op' | 'lparen' | 'rparen' | 'comma' | 'subsearch';

export interface Token {
  type: TokenType;
  /** The raw source text of the token. */
  text: string;
  /** For strings, the value with `\"` and `\\` unescaped; for `'field'` names, the name; else the text. */
  value: string;
  start: number;
  end: number;
  /** The token follows the previous one with no blank between (`TERM(`, `field=`). */
  glued: boolean;
}

export type LexMode = 'search' | 'eval';

const enum Ch {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Percent = 37,
  Apostrophe = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Less = 60,
  Equals = 61,
  Greater = 62,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Pipe = 124,
}

function isBlank(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.Newline || c === Ch.Return;
}

/** Characters that end a bare word in search mode. */
function endsSearchWord(c: number, next: number): boolean {
  if (isBlank(c)) return true;
  switch (c) {
    case Ch.Quote:
    case Ch.LParen:
    case Ch.RParen:
    case Ch.Comma:
    case Ch.Equals:
    case Ch.Less:
    case Ch.Greater:
    case Ch.Pipe:
    case Ch.LBracket:
    case Ch.RBracket:
      return true;
    case Ch.Bang:
      return next === Ch.Equals;
    default:
      return false;
  }
}

/** Characters that end a word in eval mode: operators too (a `.` only when it cannot be part of a name). */
function endsEvalWord(c: number): boolean {
  if (endsSearchWord(c, Ch.Equals)) return true;
  return (
    c === Ch.Plus ||
    c === Ch.Minus ||
    c === Ch.Star ||
    c === Ch.Slash ||
    c === Ch.Percent ||
    c === Ch.Apostrophe
  );
}

/** Tokens of text[from, to); `skip` ranges (subsearches) become one `subsearch` token each. */
export function lex(
  text: string,
  from: number,
  to: number,
  mode: LexMode,
  skip: readonly Range[] = [],
): Token[] {
  const tokens: Token[] = [];
  let skipIndex = 0;
  let glued = false;
  let i = from;
  const push = (type: TokenType, start: number, end: number, value?: string): void => {
    const raw = text.slice(start, end);
    tokens.push({ type, text: raw, value: value ?? raw, start, end, glued });
    glued = true;
    i = end;
  };
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      glued = false;
      i++;
      continue;
    }
    while (skipIndex < skip.length && skip[skipIndex].end <= i) skipIndex++;
    const sub = skip[skipIndex];
    if (sub && sub.start === i) push('subsearch', sub.start, sub.end);
    else if (c === Ch.Quote) lexString(text, i, to, push);
    else if (c === Ch.Apostrophe && mode === 'eval') lexQuotedField(text, i, to, push);
    else if (c === Ch.LParen) push('lparen', i, i + 1);
    else if (c === Ch.RParen) push('rparen', i, i + 1);
    else if (c === Ch.Comma) push('comma', i, i + 1);
    else if (isOperatorStart(text, i, mode)) push('op', i, i + operatorLength(text, i));
    else {
      const end = wordEnd(text, i, to, mode);
      push('word', i, end, mode === 'search' ? unescapeWord(text.slice(i, end)) : undefined);
    }
  }
  return tokens;
}

/** `\"` and `\\` in a bare search word stand for the character escaped. */
function unescapeWord(raw: string): string {
  return raw.includes('\\') ? raw.replace(/\\(["\\])/g, '$1') : raw;
}

type Push = (type: TokenType, start: number, end: number, value?: string) => void;

function lexString(text: string, from: number, to: number, push: Push): void {
  let value = '';
  let i = from + 1;
  let chunk = i;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === Ch.Backslash && i + 1 < to) {
      const next = text.charCodeAt(i + 1);
      // Only `\"` and `\\` are escapes; other backslashes are part of the value (regexes, paths).
      if (next === Ch.Quote || next === Ch.Backslash) {
        value += text.slice(chunk, i) + text[i + 1];
        chunk = i + 2;
      }
      i += 2;
      continue;
    }
    if (c === Ch.Quote) {
      push('string', from, i + 1, value + text.slice(chunk, i));
      return;
    }
    i++;
  }
  // An open string runs to the end; the pipeline scan has already reported it.
  push('string', from, to, value + text.slice(chunk, to));
}

function lexQuotedField(text: string, from: number, to: number, push: Push): void {
  const close = text.indexOf("'", from + 1);
  const end = close === -1 || close >= to ? to : close + 1;
  push('field', from, end, text.slice(from + 1, close === -1 || close >= to ? to : close));
}

function isOperatorStart(text: string, i: number, mode: LexMode): boolean {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  if (c === Ch.Equals || c === Ch.Less || c === Ch.Greater) return true;
  if (c === Ch.Bang) return next === Ch.Equals;
  if (mode !== 'eval') return false;
  if (c === Ch.Plus || c === Ch.Minus || c === Ch.Star || c === Ch.Slash || c === Ch.Percent) return true;
  if (c === Ch.Dot) return isConcatenation(text.charCodeAt(i - 1), next);
  return false;
}

/** A `.` concatenates unless it joins two parts of a name or starts a number (`a . b`, `x."s"`, `"s".x`; not `a.b`, `.25`). */
function isConcatenation(prev: number, next: number): boolean {
  if (prev === Ch.Quote || prev === Ch.RParen || prev === Ch.Apostrophe) return true;
  if (next >= 48 && next <= 57) return false;
  return (
    Number.isNaN(prev) ||
    isBlank(prev) ||
    isBlank(next) ||
    next === Ch.Quote ||
    next === Ch.LParen ||
    next === Ch.Apostrophe
  );
}

function operatorLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  if ((c === Ch.Less || c === Ch.Greater || c === Ch.Bang || c === Ch.Equals) && next === Ch.Equals) return 2;
  return 1;
}

function wordEnd(text: string, from: number, to: number, mode: LexMode): number {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    // In a bare search word a backslash escapes the next character (`*\"privileged\":true*`).
    if (c === Ch.Backslash && mode === 'search' && i + 1 < to) {
      i += 2;
      continue;
    }
    if (i === from) {
      i++;
      continue;
    }
    if (
      mode === 'search'
        ? endsSearchWord(c, text.charCodeAt(i + 1))
        : endsEvalWord(c) || (c === Ch.Dot && isOperatorStart(text, i, mode))
    )
      break;
    i++;
  }
  return i;
}
