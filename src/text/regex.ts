/** Text as a literal inside a regular expression, for the engine's globs and the patterns languages build. */
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

export function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

/** A regular expression that only finds one literal text: where it must start and end, and the text. */
export interface RegexLiteral {
  text: string;
  /** `^` (not undone by a `.*` after it): the value starts with the text. */
  start: boolean;
  /** `$` (not undone by a `.*` before it): the value ends with the text. */
  end: boolean;
  /** A leading `(?i)`: the text matches without case. */
  foldsCase: boolean;
}

/** Escapes of a character that stands for itself; `\d`, `\w`, `\b` and kin are classes or anchors. */
const LITERAL_ESCAPE = /[^A-Za-z0-9]/;
const META = new Set([...'.*+?^$()[]{}|\\']);

/** Whether the character at `i` follows an odd run of backslashes. */
function escapedAt(p: string, i: number): boolean {
  let n = 0;
  while (i - n - 1 >= 0 && p[i - n - 1] === '\\') n++;
  return n % 2 === 1;
}

/**
 * The literal a search regex (JavaScript syntax) finds, when it is one: `.*\\winword\.exe` is a value containing
 * `\winword.exe`, `^(?:cmd\.exe)$` the value `cmd.exe`. Undefined for any real pattern (classes, alternatives,
 * quantifiers, groups other than one wrapping the whole).
 */
export function regexLiteral(pattern: string): RegexLiteral | undefined {
  let p = pattern;
  const foldsCase = p.startsWith('(?i)');
  if (foldsCase) p = p.slice(4);
  let start = p.startsWith('^');
  if (start) p = p.slice(1);
  let end = p.endsWith('$') && !escapedAt(p, p.length - 1);
  if (end) p = p.slice(0, -1);
  if (p.startsWith('(?:') && p.endsWith(')') && !escapedAt(p, p.length - 1)) p = p.slice(3, -1);
  while (p.startsWith('.*')) [p, start] = [p.slice(2), false];
  while (p.endsWith('.*') && !escapedAt(p, p.length - 2)) [p, end] = [p.slice(0, -2), false];
  let text = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      const next = p[i + 1];
      if (next === undefined || !LITERAL_ESCAPE.test(next)) return undefined;
      text += next;
      i++;
    } else if (META.has(c)) return undefined;
    else text += c;
  }
  return text ? { text, start, end, foldsCase } : undefined;
}
