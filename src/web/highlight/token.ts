/** Highlight tokens and their markup: each token's text escaped first, then wrapped in a class-named span. */
import { escapeHtml } from '../markup.js';

/**
 * Classes: `k` key, `s` string, `n` number/literal, `c` comment, `o` operator, `w` keyword,
 * `f` variable or macro, `p` punctuation, `h` heading (TOML table). Null: plain text.
 */
export type TokenClass = 'k' | 's' | 'n' | 'c' | 'o' | 'w' | 'f' | 'p' | 'h';

export interface Token {
  cls: TokenClass | null;
  text: string;
}

/** Adjacent plain tokens are merged so the markup stays small. */
export class TokenList {
  readonly tokens: Token[] = [];

  push(cls: TokenClass | null, text: string): void {
    if (!text) return;
    const last = this.tokens[this.tokens.length - 1];
    if (last && last.cls === cls) last.text += text;
    else this.tokens.push({ cls, text });
  }
}

export function renderTokens(tokens: Token[]): string {
  let out = '';
  for (const t of tokens) {
    const text = escapeHtml(t.text);
    out += t.cls ? `<span class="${t.cls}">${text}</span>` : text;
  }
  return out;
}
