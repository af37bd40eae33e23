/** `defineLanguage`: everything the rest of the program knows of a language, declared in the language's folder. */
import type { Language } from '../language.js';

/** What the web's highlighter needs of a language; display only, so approximate is fine. */
export interface HighlightSyntax {
  /** Words shown as keywords, matched without case. */
  keywords: readonly string[];
  /** Comment openers the language has. */
  lineComment?: string;
  blockComment?: boolean;
  /** SPL macros (`` `name` ``) and YARA-L variables read as names, not text. */
  backtickIsName?: boolean;
}

export type LanguageSpec = Omit<Language, 'aliases'> & Partial<Pick<Language, 'aliases'>>;

export function defineLanguage(spec: LanguageSpec): Language {
  return { aliases: [], ...spec };
}

/** Keywords written as one blank-separated string, as people read them. */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}
