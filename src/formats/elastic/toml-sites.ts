/**
 * Finds where TOML string values sit in their file. smol-toml gives values without positions, so this
 * scans the text for `[table]` headers and `key = value` lines, skipping strings, arrays and inline tables.
 */

export type StringStyle = 'literal' | 'literal-multiline' | 'basic' | 'basic-multiline';

/** One string value: [contentStart, contentEnd) is the text between its delimiters. */
export interface StringSite {
  style: StringStyle;
  contentStart: number;
  contentEnd: number;
}

class TomlScanner {
  pos = 0;
  constructor(readonly text: string) {}

  private skipBlank(newlines: boolean): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === ' ' || c === '\t' || (newlines && (c === '\n' || c === '\r'))) this.pos++;
      else if (c === '#') {
        const nl = text.indexOf('\n', this.pos);
        this.pos = nl === -1 ? text.length : nl;
      } else break;
    }
  }

  private toLineEnd(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl === -1 ? this.text.length : nl + 1;
  }

  /** Every string of the value at `pos` (one, or the strings of an array), leaving `pos` after the value. */
  value(sites: StringSite[]): void {
    const { text } = this;
    const c = text[this.pos];
    if (text.startsWith("'''", this.pos)) this.delimited("'''", 'literal-multiline', sites);
    else if (text.startsWith('"""', this.pos)) this.delimited('"""', 'basic-multiline', sites);
    else if (c === "'") this.delimited("'", 'literal', sites);
    else if (c === '"') this.delimited('"', 'basic', sites);
    else if (c === '[' || c === '{') this.container(c === '[' ? ']' : '}', sites);
    else while (this.pos < text.length && !',]}\n#'.includes(text[this.pos])) this.pos++;
  }

  private delimited(quote: string, style: StringStyle, sites: StringSite[]): void {
    const { text } = this;
    let start = this.pos + quote.length;
    // TOML drops a newline right after the opening delimiter of a multi-line string.
    if (quote.length === 3) start += text.startsWith('\r\n', start) ? 2 : text[start] === '\n' ? 1 : 0;
    const escapes = quote[0] === '"';
    let i = start;
    while (i < text.length && !text.startsWith(quote, i)) i += escapes && text[i] === '\\' ? 2 : 1;
    // A closing `'''` may be followed by up to two quotes that belong to the content.
    while (quote.length === 3 && text[i + 3] === quote[0]) i++;
    sites.push({ style, contentStart: start, contentEnd: Math.min(i, text.length) });
    this.pos = Math.min(i + quote.length, text.length);
  }

  private container(close: string, sites: StringSite[]): void {
    this.pos++;
    while (this.pos < this.text.length) {
      this.skipBlank(true);
      const c = this.text[this.pos];
      if (c === close) {
        this.pos++;
        return;
      }
      if (c === ',' || c === '=') this.pos++;
      else {
        const before = this.pos;
        this.value(sites);
        if (this.pos === before) this.pos++;
      }
    }
  }

  /** Calls `visit(table, key)` for each `key = value` line with `pos` at the value, which the visitor consumes; true stops. */
  walk(visit: (table: string, key: string) => boolean): void {
    const { text } = this;
    let table = '';
    while (this.pos < text.length) {
      this.skipBlank(true);
      if (this.pos >= text.length) return;
      if (text[this.pos] === '[') {
        const end = text.indexOf(']', this.pos);
        table = text
          .slice(this.pos, end === -1 ? text.length : end)
          .replace(/^\[+/, '')
          .trim();
        this.toLineEnd();
        continue;
      }
      const eq = text.indexOf('=', this.pos);
      const nl = text.indexOf('\n', this.pos);
      if (eq === -1 || (nl !== -1 && nl < eq)) {
        this.toLineEnd();
        continue;
      }
      const key = text
        .slice(this.pos, eq)
        .trim()
        .replace(/^["']|["']$/g, '');
      this.pos = eq + 1;
      this.skipBlank(false);
      if (visit(table, key)) return;
    }
  }
}

/** The string sites of `table.key` (e.g. `rule`, `query`): one for a string, one per item for an array. */
export function stringSites(text: string, table: string, key: string): StringSite[] {
  const scanner = new TomlScanner(text);
  let found: StringSite[] = [];
  scanner.walk((t, k) => {
    const sites: StringSite[] = [];
    scanner.value(sites);
    if (t !== table || k !== key) return false;
    found = sites;
    return true;
  });
  return found;
}
