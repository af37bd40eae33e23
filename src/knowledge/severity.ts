/** How severe each written severity is, for ordering rules: a rank, 0 the most severe. */
import { readDataFile } from './data-file.js';

interface SeverityRanks {
  ranks: Record<string, number>;
}

/** Severity words (lower case) and their rank; the most severe has rank 0. */
export function severityRanks(): Readonly<Record<string, number>> {
  return readDataFile<SeverityRanks>('severity-ranks.json').ranks;
}
