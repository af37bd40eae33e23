/** A result list as CSV, the columns the search shows: what the web export and `search --csv` write. */
import { csvText } from '../text/csv.js';
import type { RuleSummary } from './views.js';

const COLUMNS = [
  'key',
  'id',
  'title',
  'language',
  'format',
  'source',
  'path',
  'severity',
  'status',
  'techniques',
  'parsed',
] as const;

export function searchCsv(rules: readonly RuleSummary[]): string {
  return csvText(
    COLUMNS,
    rules.map((r) => COLUMNS.map((c) => (c === 'techniques' ? r.techniques.join(' ') : r[c]))),
  );
}
