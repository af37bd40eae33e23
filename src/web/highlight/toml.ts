/** A TOML tokenizer for display: table headers, keys, strings (multi-line too), literals and comments. */
import { TokenList, type Token } from './token.js';

const BARE_KEY = /[A-Za-z0-9_.-]+(?=\s*=)/y;
const QUOTED_KEY = /(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*')(?=\s*=)/y;
const HEADER = /\[\[?[^\]\n]*\]\]?/y;
const LITERAL = /(?:[+-]?(?:inf|nan)|true|false|[+-]?\d[\d_:.+\-TZe]*)(?![A-Za-z0-9_])/y;

function stickyMatch(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

function stringEnd(text: string, start: number): number {
  const triple = text.startsWith('"""', start) || text.startsWith("'''", start);
  const q = text[start];
  if (triple) {
    const close = text.indexOf(q.repeat(3), start + 3);
    if (close < 0) return text.length;
    let end = close + 3;
    while (text[end] === q && end - close < 5) end++;
    return end;
  }
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\n') return i;
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) return i + 1;
  }
  return text.length;
}

export function tomlTokens(text: string): Token[] {
  const out = new TokenList();
  let lineStart = true;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n' || ch === ' ' || ch === '\t' || ch === '\r') {
      if (ch === '\n') lineStart = true;
      out.push(null, ch);
      i++;
      continue;
    }
    let match: string | undefined;
    let cls: Token['cls'];
    if (ch === '#') {
      const nl = text.indexOf('\n', i);
      match = text.slice(i, nl < 0 ? text.length : nl);
      cls = 'c';
    } else if (lineStart && ch === '[' && (match = stickyMatch(HEADER, text, i))) {
      cls = 'h';
    } else if (
      lineStart &&
      ((match = stickyMatch(BARE_KEY, text, i)) || (match = stickyMatch(QUOTED_KEY, text, i)))
    ) {
      cls = 'k';
    } else if (ch === '"' || ch === "'") {
      match = text.slice(i, stringEnd(text, i));
      cls = 's';
    } else if ((match = stickyMatch(LITERAL, text, i))) {
      cls = 'n';
    } else {
      match = ch;
      cls = ch === '=' ? 'o' : '[]{},'.includes(ch) ? 'p' : null;
    }
    out.push(cls, match);
    i += match.length;
    lineStart = false;
  }
  return out.tokens;
}
