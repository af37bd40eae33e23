/** A line-oriented YAML tokenizer for display: keys, scalars, comments, flow punctuation and block scalars. */
import { TokenList, type Token } from './token.js';

const KEY =
  /(-\s+)*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],:-][^#:]*?|-[^\s#:][^#:]*?)(\s*:)(?=\s|$)/y;
const DASHES = /(?:-(?:\s+|$))+/y;
const LITERAL =
  /^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|0x[\da-f]+|\.inf)|true|false|yes|no|on|off|null|~)$/i;
const BLOCK = /^[|>][-+0-9]*\s*(?:#.*)?$/;

/** True when `line` ends in a block scalar indicator (`|`, `>-`): the lines indented below it are text. */
function yamlLine(line: string, out: TokenList): boolean {
  const indent = line.length - line.trimStart().length;
  out.push(null, line.slice(0, indent));
  let at = indent;
  const rest = line.slice(at);
  if (rest.startsWith('#')) {
    out.push('c', rest);
    return false;
  }
  if (/^(?:---|\.\.\.)\s*$/.test(rest) && indent === 0) {
    out.push('p', rest);
    return false;
  }
  DASHES.lastIndex = at;
  const dash = DASHES.exec(line);
  if (dash) {
    out.push('p', dash[0]);
    at += dash[0].length;
  }
  KEY.lastIndex = at;
  const key = KEY.exec(line);
  if (key) {
    out.push('k', key[2]);
    out.push('p', key[3]);
    at = KEY.lastIndex;
  }
  return scalarTokens(line.slice(at), out);
}

/** The value part of a line: quoted and plain scalars, flow collections, a trailing comment. */
function scalarTokens(text: string, out: TokenList): boolean {
  let i = 0;
  let depth = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t') {
      const start = i;
      while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
      out.push(null, text.slice(start, i));
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      out.push('c', text.slice(i));
      return false;
    } else if (ch === '"' || ch === "'") {
      const end = quoteEnd(text, i);
      out.push('s', text.slice(i, end));
      i = end;
    } else if ('[]{},:'.includes(ch) && (depth > 0 || ch === '[' || ch === '{')) {
      depth += ch === '[' || ch === '{' ? 1 : ch === ']' || ch === '}' ? -1 : 0;
      out.push('p', ch);
      i++;
    } else if ((ch === '|' || ch === '>') && depth === 0 && BLOCK.test(text.slice(i))) {
      out.push('p', text.slice(i).trimEnd());
      out.push(null, text.slice(i + text.slice(i).trimEnd().length));
      return true;
    } else {
      const end = plainEnd(text, i, depth > 0);
      const word = text.slice(i, end);
      out.push(LITERAL.test(word.trim()) ? 'n' : 's', word);
      i = end;
    }
  }
  return false;
}

function quoteEnd(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return text.length;
}

function plainEnd(text: string, start: number, inFlow: boolean): number {
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '#' && /\s/.test(text[i - 1] ?? ' ')) return i;
    if (inFlow && ',[]{}'.includes(ch)) return i;
  }
  return text.length;
}

export function yamlTokens(text: string): Token[] {
  const out = new TokenList();
  let blockIndent = -1;
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl + 1;
    const whole = text.slice(at, end);
    const line = whole.replace(/\r?\n$/, '');
    at = end;
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0 && (line.trim() === '' || indent > blockIndent)) {
      out.push('s', line);
    } else {
      blockIndent = yamlLine(line, out) ? indent : -1;
    }
    out.push(null, whole.slice(line.length));
  }
  return out.tokens;
}
