/**
 * Values as a reader must see them: spaces at either end shown as `␠` (`' /transfer '` and `/transfer` differ),
 * and bidirectional and other invisible controls named (`⟨U+202E⟩`), so `Invoice\u202Egpj.exe` cannot pass
 * for `Invoiceexe.jpg`.
 */

/** Bidi overrides and isolates, zero-width characters, and the C0/C1 controls other than tab and newline. */
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

function named(c: string): string {
  return `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Invisible controls named; the rest unchanged. */
export function visibleControls(text: string): string {
  return text.replace(INVISIBLE, named);
}

/** A value for display: controls named, and spaces at its ends shown. */
export function visibleValue(value: string): string {
  const shown = visibleControls(value);
  const lead = /^ +/.exec(shown)?.[0].length ?? 0;
  const trail = / *$/.exec(shown.slice(lead))![0].length;
  if (lead === 0 && trail === 0) return shown;
  return '␠'.repeat(lead) + shown.slice(lead, shown.length - trail) + '␠'.repeat(trail);
}
