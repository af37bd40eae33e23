/**
 * Sigma's value transforms, applied to a rule's value before matching, as SigmaHQ's tooling applies them:
 * `windash` (every dash or slash that starts a flag in all its spellings), `utf16le`/`utf16be`/`utf16`/`wide`
 * (the text's bytes in that encoding) and `base64`/`base64offset` (the bytes encoded, at each of the three offsets).
 */

/** A value on its way through the transforms: text, or bytes once an encoding has been applied. */
type Piece = string | Buffer;

const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'];
/** A dash or slash after a non-word character (or at the start) and before a word character. */
const WINDASH_AT = /\B[-/]\b/g;
/** Beyond this many variants a value is not expanded: the rule is reported as not evaluable. */
export const MAX_VARIANTS = 3125;

function windash(value: string): string[] {
  const positions = [...value.matchAll(WINDASH_AT)].map((m) => m.index);
  if (WINDASH_CHARS.length ** positions.length > MAX_VARIANTS)
    throw new RangeError('too many windash variants');
  let variants = [''];
  let from = 0;
  for (const at of positions) {
    const head = value.slice(from, at);
    variants = variants.flatMap((v) => WINDASH_CHARS.map((c) => v + head + c));
    from = at + 1;
  }
  return variants.map((v) => v + value.slice(from));
}

function bytes(piece: Piece): Buffer {
  return typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
}

const OFFSET_START = [0, 2, 3];
const OFFSET_END = [undefined, -3, -2];

/** The three base64 spellings of bytes that start at any offset inside a longer encoded text. */
function base64offset(data: Buffer): string[] {
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const padded = Buffer.concat([Buffer.alloc(i, 0x20), data]);
    const encoded = padded.toString('base64');
    out.push(encoded.slice(OFFSET_START[i], OFFSET_END[(data.length + i) % 3]));
  }
  return out;
}

function applyOne(transform: string, piece: Piece): Piece[] {
  const text = typeof piece === 'string' ? piece : piece.toString('latin1');
  switch (transform) {
    case 'windash':
      return windash(text);
    case 'utf16le':
    case 'wide':
      return [Buffer.from(text, 'utf16le')];
    case 'utf16be':
      return [utf16be(text)];
    case 'utf16':
      return [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])];
    case 'base64':
      return [bytes(piece).toString('base64')];
    case 'base64offset':
      return base64offset(bytes(piece));
    default:
      return [piece];
  }
}

/** Transforms the engine knows; the rest of a predicate's modifiers (`expand`, regex flags) are not transforms. */
export const TRANSFORMS = new Set([
  'windash',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'base64',
  'base64offset',
]);

/** A rule's value through its transforms, in the order written: every spelling to look for. */
export function transformValue(value: string, transforms: readonly string[]): string[] {
  let pieces: Piece[] = [value];
  for (const t of transforms) pieces = pieces.flatMap((p) => applyOne(t, p));
  return pieces.map((p) => (typeof p === 'string' ? p : p.toString('latin1')));
}
