/**
 * What a reader of a rule's report must see first: the query does not parse, or names macros or functions
 * ruleatlas could not resolve (so the predicates inside them are missing from everything shown).
 */
import { noun } from '../../text/plural.js';
import type { RuleReport } from './report.js';

export interface ReportWarning {
  level: 'error' | 'warning';
  message: string;
}

/** What the unresolved names are called in each language. */
const UNRESOLVED_KIND: Readonly<Record<string, string>> = {
  spl: 'macro',
  kusto: 'function or let name',
};

export function reportWarnings(r: RuleReport): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    warnings.push({
      level: 'error',
      message: `The query does not parse: ${first.message} at line ${first.line}, column ${first.column}${more}.`,
    });
  }
  if (r.unresolved.length) {
    const kind = UNRESOLVED_KIND[r.language ?? ''] ?? 'name';
    const names = r.unresolved.map((n) => `\`${n}\``).join(', ');
    warnings.push({
      level: 'warning',
      message: `Unresolved ${noun(r.unresolved.length, kind)} ${names}: the predicates inside ${noun(r.unresolved.length, 'it', 'them')} are missing from the stages, indicators and events below.`,
    });
  }
  return warnings;
}
