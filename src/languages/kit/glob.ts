/** Globs in the model's form: `*` and `?` wildcards, literal `*`, `?` and a `\` before them escaped with `\`. */

/** One character of a value as a language wrote it: `wild` when the language reads it as a wildcard. */
export interface GlobChar {
  char: string;
  wild: boolean;
}

const SPECIAL = new Set(['*', '?', '\\']);

/** The model's glob for characters a language has already told apart (escapes removed). */
export function modelGlob(chars: readonly GlobChar[]): string {
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const { char, wild } = chars[i];
    if (wild) out += char;
    else if (char === '*' || char === '?') out += `\\${char}`;
    else if (char === '\\') {
      // A backslash is literal unless a wildcard or another backslash follows, where it would read as an escape.
      const next = chars[i + 1];
      out += next && (next.wild || SPECIAL.has(next.char)) ? '\\\\' : '\\';
    } else out += char;
  }
  return out;
}

/** A value whose every `*` and `?` is a wildcard (EQL `:` and `like`), in the model's form. */
export function wildcardGlob(value: string): string {
  return modelGlob([...value].map((char) => ({ char, wild: char === '*' || char === '?' })));
}
