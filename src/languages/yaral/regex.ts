/** Rewrites a YARA-L (RE2) pattern as a JavaScript one with the same meaning, or says why it cannot. */

export type TranslatedRegex = { pattern: string } | { unsupported: string };

/** POSIX classes RE2 allows inside brackets, as JavaScript class contents. */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Characters a literal must escape in a JavaScript pattern (`\Q...\E` quotes them in RE2). */
const SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

/**
 * RE2 and JavaScript agree on most syntax; these differ: `(?P<name>`, `\A`, `\z`, `\Q...\E`, POSIX classes
 * in brackets. A leading `(?i)` stays (the engine reads it as a flag); other inline flag groups have no
 * JavaScript form without the `v` flag and are refused, as are Unicode classes (`\pL`), which need `u`.
 */
export function re2ToJavaScript(source: string): TranslatedRegex {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        const literal = source.slice(i + 2, end < 0 ? source.length : end);
        out += literal.replace(SPECIAL, '\\$&');
        i = end < 0 ? source.length : end + 1;
        continue;
      }
      if (next === 'p' || next === 'P') return { unsupported: `Unicode class \\${next} in /${source}/` };
      if (next === 'C') return { unsupported: `\\C in /${source}/` };
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && next === 'z') out += '$';
      else out += ch + next;
      i++;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(source.slice(i));
      if (posix && POSIX_CLASSES[posix[2]] !== undefined) {
        if (posix[1]) return { unsupported: `negated POSIX class ${posix[0]} in /${source}/` };
        out += POSIX_CLASSES[posix[2]];
        i += posix[0].length - 1;
        continue;
      }
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // A `]` right after `[` or `[^` is a literal in RE2.
      const negated = source[i + 1] === '^';
      if (negated) out += '^';
      i += negated ? 1 : 0;
      if (source[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(' && source[i + 1] === '?') {
      const group = /^\(\?(P?<[A-Za-z_][A-Za-z0-9_]*>|[imsU-]*:|[imsU-]+\))/.exec(source.slice(i));
      const kind = group?.[1] ?? '';
      if (kind.startsWith('P<')) {
        out += `(?${kind.slice(1)}`;
        i += group![0].length - 1;
        continue;
      }
      if (kind === ':') {
        out += '(?:';
        i += 2;
        continue;
      }
      if (kind.endsWith(')') && i === 0 && /^[ims]+\)$/.test(kind)) {
        out += group![0];
        i += group![0].length - 1;
        continue;
      }
      if (!kind.startsWith('<') || kind === '')
        return { unsupported: `inline flags ${group?.[0] ?? '(?'} in /${source}/` };
    }
    out += ch;
  }
  return { pattern: withoutRedundantWildcards(out) };
}

/**
 * RE2 matches in linear time; JavaScript backtracks, and `.*.*x` on a long command line takes seconds. A
 * pattern is searched anywhere in the value, so a leading or trailing `.*` adds nothing and `.*.*` is `.*`.
 */
function withoutRedundantWildcards(pattern: string): string {
  const flags = /^\(\?[ims]+\)/.exec(pattern)?.[0] ?? '';
  let body = pattern.slice(flags.length).replace(/(?<!\\)(?:\.\*){2,}/g, '.*');
  while (body.startsWith('.*') && !/^\.\*[?+*{]/.test(body)) body = body.slice(2);
  while (body.endsWith('.*') && !/(^|[^\\])(\\\\)*\\\.\*$/.test(body)) body = body.slice(0, -2);
  return flags + body;
}
