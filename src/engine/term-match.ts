/**
 * Search terms against an event's raw text. SPL reads a term as Splunk's index does: case-insensitive
 * (`CASE()` keeps case), `*` a wildcard, and bounded by breakers (`admin` is not found in `bitsadmin`, but is
 * in `C:\admin\x`); `TERM()` is bounded by major breakers only (blanks, quotes, brackets). Other languages'
 * terms are found anywhere in the text, without case.
 */
import type { SearchTerm } from '../model/predicate.js';
import type { EventScope } from './fields.js';

export type TermTest = (scope: EventScope) => boolean;

/** Letters and digits: any other character breaks a term (Splunk's minor and major breakers). */
const WORD = '[\\p{L}\\p{N}]';
/** Splunk's major breakers: what bounds a `TERM()`. */
const MAJOR = `\\s"'()\\[\\]{}<>|!;,&?+`;

/** Regex escapes valid under the `u` flag (which refuses `\\-`). */
function escapeText(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function splPattern(term: SearchTerm): RegExp {
  const value = term.caseSensitive ? term.value : term.value.toLowerCase();
  const body = value.split('*').map(escapeText).join('.*?');
  const before = term.whole ? `(?<![^${MAJOR}])` : `(?<!${WORD})`;
  const after = term.whole ? `(?![^${MAJOR}])` : `(?!${WORD})`;
  // A term that starts or ends with a wildcard, or with a breaker, needs no boundary on that side.
  const bounded = (c: string | undefined): boolean =>
    c !== undefined && (term.whole || /[\p{L}\p{N}]/u.test(c));
  const open = value.startsWith('*') || !bounded(value[0]) ? '' : before;
  const close = value.endsWith('*') || !bounded(value[value.length - 1]) ? '' : after;
  return new RegExp(`${open}${body}${close}`, 'su');
}

/** The longest literal run of a term, lower case unless it keeps case: any match contains it. */
function necessaryText(term: SearchTerm): string {
  const value = term.caseSensitive ? term.value : term.value.toLowerCase();
  return value.split('*').sort((a, b) => b.length - a.length)[0] ?? '';
}

function splTermTest(term: SearchTerm): TermTest {
  const re = splPattern(term);
  const needle = necessaryText(term);
  if (term.caseSensitive) return (scope) => scope.event.raw.includes(needle) && re.test(scope.event.raw);
  return (scope) => {
    const text = scope.rawText();
    return text.includes(needle) && re.test(text);
  };
}

/** The test of a search term in the rule's language. */
export function termTest(term: SearchTerm, language: string): TermTest {
  if (language === 'spl') return splTermTest(term);
  const needle = term.value.toLowerCase();
  return (scope) => scope.rawText().includes(needle);
}
