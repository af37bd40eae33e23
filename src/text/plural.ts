/** Counts in words: "1 rule", "2 rules", "0 sources". */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
