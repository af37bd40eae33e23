/** Counts in words: "1 rule", "2 rules", "0 sources". */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${noun(count, word, many)}`;
}

/** The word alone, for when the count is written apart from it: "rule" for 1, "rules" otherwise. */
export function noun(count: number, word: string, many = `${word}s`): string {
  return count === 1 ? word : many;
}
