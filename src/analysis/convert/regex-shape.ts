/** Regular expressions that are plain patterns (`\\bitsadmin\.exe$`) read as such, so a regex and a glob compare. */
import { globPieces, type Piece } from '../../languages/kit/pattern.js';

const SPECIAL = new Set([...'.*+?^$()[]{}|\\']);

/** The pieces a search-semantics regex matches, or undefined when it uses anything beyond literals, `.` and `.*`. */
export function regexPieces(regex: string): Piece[] | undefined {
  let body = regex;
  const start = body.startsWith('^');
  if (start) body = body.slice(1);
  const end = body.endsWith('$') && !body.endsWith('\\$');
  if (end) body = body.slice(0, -1);
  const out: Piece[] = start ? [] : [{ type: 'any' }];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') out.push({ type: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      literal += next;
      i++;
    } else if (c === '.' && body[i + 1] === '*') {
      flush();
      out.push({ type: 'any' });
      i++;
    } else if (c === '.') {
      flush();
      out.push({ type: 'one' });
    } else if (SPECIAL.has(c)) return undefined;
    else literal += c;
  }
  flush();
  if (!end) out.push({ type: 'any' });
  return squeeze(out);
}

/** Adjacent `*` are one. */
export function squeeze(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (p.type === 'any' && last?.type === 'any') continue;
    if (p.type === 'literal' && last?.type === 'literal')
      out[out.length - 1] = { type: 'literal', text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

/** A glob in the model's escaping (Sigma's), from pieces. */
export function piecesGlob(pieces: readonly Piece[]): string {
  return pieces
    .map((p) =>
      p.type === 'any' ? '*' : p.type === 'one' ? '?' : p.text.replace(/[\\*?]/g, (c) => `\\${c}`),
    )
    .join('');
}

export { globPieces };
