/** Builds diagnostics from positions, so every step reports problems the same way. */
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import type { Position, Span } from '../model/span.js';

export function diagnostic(
  severity: Severity,
  message: string,
  at: Position | Span,
  origin?: string,
  code?: string,
): Diagnostic {
  const span = 'start' in at ? at : { start: at, end: at };
  const d: Diagnostic = {
    type: 'diagnostic',
    severity,
    message,
    line: span.start.line,
    column: span.start.column,
    span,
    origin,
  };
  if (code !== undefined) d.code = code;
  return d;
}

export function hasError(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Describes a token for "Unexpected X, expected Y" messages. */
export function describeToken(text: string | undefined): string {
  if (text === undefined || text.length === 0) return 'end of input';
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
