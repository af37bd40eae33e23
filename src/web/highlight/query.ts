/** A tokenizer for the query languages, for display only: keywords, fields, strings, numbers, operators, comments. */
import { lookupTable } from '../../text/lookup.js';
import { TokenList, type Token } from './token.js';

interface QuerySyntax {
  keywords: ReadonlySet<string>;
  /** Comment openers the language has. */
  lineComment?: string;
  blockComment?: boolean;
  /** SPL macros (`` `name` ``) and YARA-L variables (`$e`) read as names, not text. */
  backtickIsName?: boolean;
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/));

const SYNTAX: Readonly<Record<string, QuerySyntax>> = lookupTable({
  spl: {
    keywords:
      words(`search where table stats tstats eval rex lookup inputlookup outputlookup bin bucket by as from and or not in
      rename fields dedup sort head tail join append appendpipe datamodel values count dc sum avg min max earliest latest span
      mvexpand makemv fillnull transaction streamstats eventstats timechart chart top rare return format like match if case
      nodename summariesonly allow_old_summaries groupby where term`),
    backtickIsName: true,
  },
  eql: {
    keywords:
      words(`where and or not sequence by with maxspan sample until in any of true false null runs join head tail
      filter unique count process file network registry library dns`),
    lineComment: '//',
    blockComment: true,
  },
  kusto: {
    keywords:
      words(`where project project-away project-rename project-reorder extend summarize join union let by on and or
      not has has_any has_all has_cs contains contains_cs startswith endswith matches regex in in~ between take limit sort
      order top distinct count mv-expand mv-apply parse ago datatable kind inner leftouter leftanti rightouter innerunique
      make_set make_list case iff iif isnotempty isempty isnotnull isnull tostring toint tolower toupper now true false
      render lookup materialize invoke evaluate as asc desc with`),
    lineComment: '//',
    blockComment: true,
  },
  esql: {
    keywords:
      words(`from where eval stats keep drop limit sort by rename dissect grok mv_expand enrich row show and or not
      like rlike in is null asc desc nulls first last metadata on with true false lookup join`),
    lineComment: '//',
    blockComment: true,
  },
  kuery: { keywords: words('and or not') },
  lucene: { keywords: words('AND OR NOT TO and or not to') },
  yaral: {
    keywords:
      words(`rule meta events match outcome condition options over and or not nocase re regex if count count_distinct
      sum max min array array_distinct any all before after by`),
    lineComment: '//',
    blockComment: true,
    backtickIsName: true,
  },
  sigma: { keywords: words('and or not of all them 1 any') },
});

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
  const syntax = SYNTAX[language ?? ''] ?? SYNTAX.kuery;
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
