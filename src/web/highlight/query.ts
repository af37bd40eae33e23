/** A tokenizer for the query languages, for display only: keywords, fields, strings, numbers, operators, comments. */
import type { HighlightSyntax } from '../../languages/kit/define.js';
import { languages } from '../../languages/registry.js';
import { TokenList, type Token } from './token.js';

/** The highlighting a language declares, its keywords as a set. */
interface QuerySyntax extends Omit<HighlightSyntax, 'keywords'> {
  keywords: ReadonlySet<string>;
}

const SYNTAX = new Map<string, QuerySyntax>(
  Object.values(languages).map((l) => [l.id, { ...l.highlight, keywords: new Set(l.highlight.keywords) }]),
);
/** Text of no known language gets Kibana KQL's few keywords: `and`, `or`, `not`. */
const FALLBACK = SYNTAX.get('kuery')!;

const IDENT = /[A-Za-z_@][\w.@]*(?:-[A-Za-z_][\w.]*)*/y;
const NUMBER = /\d+(?:\.\d+)?(?:[a-z]{1,2}\b)?/y;
const FIELD_FOLLOWS = /\s*(?:==|!=|=~|!~|<=|>=|=|<|>|:)/y;
const OPERATORS = [
  '==',
  '!=',
  '=~',
  '!~',
  '<=',
  '>=',
  '|',
  '=',
  '<',
  '>',
  ':',
  '!',
  '~',
  '+',
  '*',
  '-',
  '/',
  '%',
];

function sticky(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

function closeOf(text: string, start: number, open: string, close: string, escapes: boolean): number {
  for (let i = start + open.length; i < text.length; i++) {
    if (escapes && text[i] === '\\') i++;
    else if (text.startsWith(close, i)) return i + close.length;
  }
  return text.length;
}

/** The end of a string, comment or quoted name starting at `i`, with its class; undefined when none starts there. */
function delimited(
  text: string,
  i: number,
  syntax: QuerySyntax,
): { end: number; cls: Token['cls'] } | undefined {
  if (text.startsWith('"""', i)) return { end: closeOf(text, i, '"""', '"""', false), cls: 's' };
  const ch = text[i];
  if (ch === '"' || ch === "'") return { end: closeOf(text, i, ch, ch, true), cls: 's' };
  if (ch === '@' && (text[i + 1] === '"' || text[i + 1] === "'"))
    return { end: closeOf(text, i + 1, text[i + 1], text[i + 1], false), cls: 's' };
  if (ch === '`') return { end: closeOf(text, i, '`', '`', false), cls: syntax.backtickIsName ? 'f' : 'k' };
  if (syntax.lineComment && text.startsWith(syntax.lineComment, i)) {
    const nl = text.indexOf('\n', i);
    return { end: nl < 0 ? text.length : nl, cls: 'c' };
  }
  if (syntax.blockComment && text.startsWith('/*', i))
    return { end: closeOf(text, i, '/*', '*/', false), cls: 'c' };
  return undefined;
}

export function queryTokens(text: string, language: string | null): Token[] {
  const syntax = SYNTAX.get(language ?? '') ?? FALLBACK;
  const out = new TokenList();
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const span = delimited(text, i, syntax);
    if (span) {
      out.push(span.cls, text.slice(i, span.end));
      i = span.end;
      continue;
    }
    if (ch === '$' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      const name = sticky(IDENT, text, i + 1) ?? '';
      out.push('f', `$${name}`);
      i += name.length + 1;
      continue;
    }
    const ident = sticky(IDENT, text, i);
    if (ident) {
      const cls = syntax.keywords.has(ident.toLowerCase())
        ? 'w'
        : sticky(FIELD_FOLLOWS, text, i + ident.length)
          ? 'k'
          : null;
      out.push(cls, ident);
      i += ident.length;
      continue;
    }
    const num = sticky(NUMBER, text, i);
    if (num) {
      out.push('n', num);
      i += num.length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    out.push(op ? 'o' : '()[]{},;'.includes(ch) ? 'p' : null, op ?? ch);
    i += op ? op.length : 1;
  }
  return out.tokens;
}
