/**
 * Sigma string values: `*` and `?` are wildcards; `\*`, `\?` and `\\` escape them and the backslash; a
 * backslash before anything else is a plain backslash, as Sigma's specification says (`C:\Windows\`).
 */

export interface SigmaString {
  /** The value with escapes removed: the literal text when it has no wildcard. */
  plain: string;
  /** The value as a glob in Sigma's own escaping: wildcards bare, literal `*`, `?` (and a backslash before them) escaped. */
  glob: string;
  wildcard: boolean;
  leadingWildcard: boolean;
  trailingWildcard: boolean;
}

/** One character of the value: `wild` when it is an unescaped wildcard. */
interface Piece {
  char: string;
  wild: boolean;
}

function hasSpecial(raw: string): boolean {
  return raw.includes('*') || raw.includes('?') || raw.includes('\\');
}

function pieces(raw: string): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    const next = raw[i + 1];
    if (c === '\\' && (next === '*' || next === '?' || next === '\\')) {
      out.push({ char: next, wild: false });
      i++;
    } else {
      out.push({ char: c, wild: c === '*' || c === '?' });
    }
  }
  return out;
}

/** Writes pieces back in Sigma's escaping, so that a glob reads the same way the rule's author wrote it. */
function encode(list: Piece[]): string {
  let out = '';
  for (let i = 0; i < list.length; i++) {
    const { char, wild } = list[i];
    if (wild) out += char;
    else if (char === '*' || char === '?') out += `\\${char}`;
    else if (char === '\\' && i + 1 < list.length && '*?\\'.includes(list[i + 1].char)) out += '\\\\';
    else out += char;
  }
  return out;
}

export function sigmaString(raw: string): SigmaString {
  if (!hasSpecial(raw))
    return { plain: raw, glob: raw, wildcard: false, leadingWildcard: false, trailingWildcard: false };
  const list = pieces(raw);
  let plain = '';
  let wildcard = false;
  for (const p of list) {
    plain += p.char;
    wildcard ||= p.wild;
  }
  return {
    plain,
    glob: wildcard ? encode(list) : plain,
    wildcard,
    leadingWildcard: list.length > 0 && list[0].wild && list[0].char === '*',
    trailingWildcard: list.length > 0 && list[list.length - 1].wild && list[list.length - 1].char === '*',
  };
}

/** The glob equivalent of `contains`, `startswith` or `endswith` with a value that has wildcards. */
export function wrapGlob(
  value: SigmaString,
  match: 'contains' | 'startswith' | 'endswith' | undefined,
): string {
  const before = (match === 'contains' || match === 'endswith') && !value.leadingWildcard ? '*' : '';
  const after = (match === 'contains' || match === 'startswith') && !value.trailingWildcard ? '*' : '';
  return `${before}${value.glob}${after}`;
}

/** `%name%` placeholders in a value (Sigma `expand`), in order. */
export function placeholders(raw: string): string[] {
  const names: string[] = [];
  let open = raw.indexOf('%');
  while (open !== -1) {
    const close = raw.indexOf('%', open + 1);
    if (close === -1) break;
    if (close > open + 1) names.push(raw.slice(open, close + 1));
    open = raw.indexOf('%', close + 1);
  }
  return names;
}
