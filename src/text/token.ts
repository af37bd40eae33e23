/** What every lexer's tokens share: a kind, the exact source slice with its offsets, and the unescaped value. */
export interface LexedToken<K extends string> {
  kind: K;
  /** Offsets in the query text, [start, end). */
  start: number;
  end: number;
  /** The exact source slice. */
  text: string;
  /** The value the slice stands for: strings without quotes and escapes; otherwise the text. */
  value: string;
}
