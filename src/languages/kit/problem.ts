/** Problems lexers and parsers record at query offsets, each with a stable code, and their diagnostics. */
import type { Diagnostic, Severity } from '../../model/diagnostic.js';
import type { LanguageId } from '../../model/ids.js';
import type { Position, Span } from '../../model/span.js';
import type { Locator } from '../../text/locator.js';
import { diagnostic } from '../../text/diagnostics.js';

/**
 * The kinds of problem a parser reports. A diagnostic's code is `<language>/<kind>`; messages may be
 * reworded, codes stay, so tools and tests can rely on them.
 */
export const PROBLEM_KINDS = [
  /** A token the grammar does not allow here ("Unexpected X, expected Y"), end of input included. */
  'unexpected-token',
  /** A character no token starts with. */
  'unexpected-character',
  'unterminated-string',
  'unterminated-comment',
  'unterminated-regex',
  /** An opening bracket without its closer, or a closer without its opener. */
  'unbalanced-bracket',
  /** The query is empty. */
  'empty-query',
  /** A part the language requires is missing: a Sigma condition, a YARA-L `events` section. */
  'missing-part',
  /** A command, operator, function, modifier or section the language does not have. */
  'unknown-name',
  /** A reference to something the rule does not define (a Sigma detection item). */
  'undefined-name',
  /** A value of the wrong shape: a bad number, duration, regex, or YAML type. */
  'invalid-value',
  /** Nesting or chaining deeper than a parser follows. */
  'too-deep',
  /** SPL macros: a macro that calls itself. */
  'macro-cycle',
  /** SPL macros: an expansion nested or grown past the limit (a macro that doubles at each level). */
  'macro-too-large',
  /** SPL macros: a call with the wrong number of arguments or an unresolved one. */
  'macro-call',
  /** The YAML around a query (Sigma) does not parse, or parses with a warning. */
  'yaml-syntax',
  /** Something the language allows that the project reads only in part; an `info` or `warning`. */
  'unsupported',
  /** A parser bug caught at the parser boundary (see guard.ts); never a problem of the rule. */
  'internal-error',
] as const;

export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** A problem at query offsets [start, end). */
export interface Problem {
  severity: Severity;
  kind: ProblemKind;
  message: string;
  start: number;
  end: number;
}

/** The code of a problem kind in a language: `spl/unexpected-token`. */
export function problemCode(language: LanguageId, kind: ProblemKind): string {
  return `${language}/${kind}`;
}

/** Diagnostics of problems, placed in the file through the query's locator. */
export function problemDiagnostics(
  problems: readonly Problem[],
  locator: Locator,
  language: LanguageId,
): Diagnostic[] {
  return problems.map((p) =>
    diagnostic(p.severity, p.message, locator.span(p.start, p.end), language, problemCode(language, p.kind)),
  );
}

/** The problem of a query with nothing but blanks, for languages where a query cannot be empty. */
export function emptyQueryProblems(text: string): Problem[] {
  if (text.trim() !== '') return [];
  return [
    {
      severity: 'error',
      kind: 'empty-query',
      message: 'Unexpected end of input, expected a query',
      start: 0,
      end: 0,
    },
  ];
}

/** A diagnostic a parser raises directly at a file position (Sigma works on YAML nodes, not query offsets). */
export function languageDiagnostic(
  language: LanguageId,
  kind: ProblemKind,
  severity: Severity,
  message: string,
  at: Position | Span,
): Diagnostic {
  return diagnostic(severity, message, at, language, problemCode(language, kind));
}
