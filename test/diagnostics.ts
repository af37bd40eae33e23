/** Test shorthand over diagnostics. */
import type { Diagnostic } from '../src/model/diagnostic.js';

/** A rule or query with an `error` is not parsed. */
export function hasError(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
