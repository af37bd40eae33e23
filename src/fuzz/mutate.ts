/** Input mutations for fuzzing: flipped bytes, dropped, duplicated and swapped tokens, unbalanced brackets, giants. */
import fc from 'fast-check';

const TOKEN = /\s+|[A-Za-z0-9_.]+|./gs;

function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export type Mutation = (text: string) => string;

const flipChar =
  (at: number, code: number): Mutation =>
  (t) =>
    t.length ? t.slice(0, at % t.length) + String.fromCharCode(code) + t.slice((at % t.length) + 1) : t;
const dropToken =
  (at: number): Mutation =>
  (t) => {
    const ts = tokens(t);
    ts.splice(at % Math.max(ts.length, 1), 1);
    return ts.join('');
  };
const duplicateToken =
  (at: number): Mutation =>
  (t) => {
    const ts = tokens(t);
    const i = at % Math.max(ts.length, 1);
    ts.splice(i, 0, ts[i] ?? '');
    return ts.join('');
  };
const swapTokens =
  (a: number, b: number): Mutation =>
  (t) => {
    const ts = tokens(t);
    if (ts.length < 2) return t;
    const i = a % ts.length;
    const j = b % ts.length;
    [ts[i], ts[j]] = [ts[j], ts[i]];
    return ts.join('');
  };
const insertAt =
  (at: number, s: string): Mutation =>
  (t) =>
    t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1));

/** One mutation, drawn from every kind; several may be chained. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0xffff })).map(([a, c]) => flipChar(a, c)),
  fc.nat().map(dropToken),
  fc.nat().map(duplicateToken),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => swapTokens(a, b)),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(
        '"',
        "'",
        '(',
        ')',
        '[',
        ']',
        '{',
        '}',
        '`',
        '|',
        '\\',
        '\n',
        '"""',
        "'''",
        '---\n',
        ': ',
        '- ',
      ),
    )
    .map(([a, s]) => insertAt(a, s)),
  fc.tuple(fc.nat(), fc.integer({ min: 1000, max: 20000 })).map(([a, n]) => insertAt(a, 'x'.repeat(n))),
  fc.tuple(fc.nat(), fc.integer({ min: 100, max: 3000 })).map(([a, n]) => insertAt(a, '('.repeat(n))),
  fc
    .tuple(fc.nat(), fc.integer({ min: 100, max: 3000 }))
    .map(([a, n]) => insertAt(a, ` or a${'-x'.repeat(2)}`.repeat(n))),
);

/** A seed, mutated zero to four times; or an arbitrary string, sometimes. */
export function mutatedInput(seeds: string[]): fc.Arbitrary<string> {
  const mutated = fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
    .map(([seed, ms]) => ms.reduce((t, m) => m(t), seed));
  return fc.oneof(
    { arbitrary: mutated, weight: 9 },
    { arbitrary: fc.string({ maxLength: 400, unit: 'binary' }), weight: 1 },
  );
}
