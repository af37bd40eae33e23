/** String tests as patterns: a predicate's `eq`, `match`, `starts_with`, `ends_with` or glob as literal and wildcard pieces. */
import type { Op } from '../../model/predicate.js';

export type Piece = { type: 'literal'; text: string } | { type: 'any' } | { type: 'one' };

/** A model glob (`*`, `?` wild; `\*`, `\?`, `\\` literal, as Sigma writes them) as pieces. */
export function globPieces(glob: string): Piece[] {
  const out: Piece[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') out.push({ type: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const next = glob[i + 1];
    if (c === '\\' && (next === '*' || next === '?' || next === '\\')) {
      literal += next;
      i++;
    } else if (c === '*' || c === '?') {
      flush();
      out.push({ type: c === '*' ? 'any' : 'one' });
    } else literal += c;
  }
  flush();
  return out;
}

const STRING_OPS = new Set<Op>(['eq', 'match', 'starts_with', 'ends_with', 'wildcard', 'keyword']);

/** The pieces a string test matches, or undefined for other operators. */
export function patternOf(op: Op, value: string): Piece[] | undefined {
  if (!STRING_OPS.has(op)) return undefined;
  if (op === 'wildcard') return globPieces(value);
  const text: Piece[] = value === '' ? [] : [{ type: 'literal', text: value }];
  const any: Piece = { type: 'any' };
  if (op === 'match' || op === 'keyword') return [any, ...text, any];
  if (op === 'starts_with') return [...text, any];
  if (op === 'ends_with') return [any, ...text];
  return text;
}

export function isWild(pieces: readonly Piece[]): boolean {
  return pieces.some((p) => p.type !== 'literal');
}

/** The literal text of pieces; wildcards written with `wild`, literals with `literal`. */
export function writePieces(
  pieces: readonly Piece[],
  literal: (text: string) => string,
  wild: { any: string; one: string },
): string {
  return pieces.map((p) => (p.type === 'literal' ? literal(p.text) : wild[p.type])).join('');
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

export function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

/** The pieces as an anchored regular expression. */
export function piecesRegex(pieces: readonly Piece[]): string {
  return `^${writePieces(pieces, escapeRegex, { any: '.*', one: '.' })}$`;
}

/** True when case cannot change what the value matches (no letter has a case). */
export function caseless(value: string): boolean {
  return value.toLowerCase() === value.toUpperCase();
}
