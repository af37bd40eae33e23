/** Catalog statistics: per source and per language, how many rules there are and how many parsed. */
import type { Db } from './schema.js';
import { sourceTallies, type SourceTally } from './tallies.js';

export interface LanguageStats {
  rules: number;
  parsed: number;
  errors: number;
}

export interface SourceStats {
  name: string;
  root: string;
  remote: string | null;
  ingestedAt: string | null;
  files: number;
  skipped: number;
  rules: number;
  parsed: number;
  errors: number;
  byLanguage: Record<string, LanguageStats>;
  byFormat: Record<string, number>;
}

/** Read from the tallies the ingest keeps (`tallies.ts`): no rule row is read, whatever the catalog's size. */
export function sourceStats(db: Db, only?: string[]): SourceStats[] {
  const sources = db
    .prepare('SELECT id, name, root, remote, ingested_at, files, skipped FROM sources ORDER BY name')
    .all() as Array<Record<string, unknown>>;
  const tallies = new Map<number, SourceTally[]>();
  for (const t of sourceTallies(db)) tallies.set(t.sourceId, [...(tallies.get(t.sourceId) ?? []), t]);
  return sources
    .filter((s) => !only || only.includes(s.name as string))
    .map((s) => {
      const rows = tallies.get(s.id as number) ?? [];
      const byLanguage: Record<string, LanguageStats> = {};
      const byFormat: Record<string, number> = {};
      for (const t of rows) {
        const l = (byLanguage[t.language] ??= { rules: 0, parsed: 0, errors: 0 });
        l.rules += t.rules;
        l.parsed += t.parsed;
        l.errors += t.errors;
        byFormat[t.format] = (byFormat[t.format] ?? 0) + t.rules;
      }
      const total = (k: keyof LanguageStats): number => rows.reduce((n, t) => n + t[k], 0);
      return {
        name: s.name as string,
        root: s.root as string,
        remote: (s.remote as string | null) ?? null,
        ingestedAt: (s.ingested_at as string | null) ?? null,
        files: s.files as number,
        skipped: s.skipped as number,
        rules: total('rules'),
        parsed: total('parsed'),
        errors: total('errors'),
        byLanguage: sortedKeys(byLanguage),
        byFormat: sortedKeys(byFormat),
      };
    });
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Totals over several sources, by language. */
export function sumStats(
  stats: SourceStats[],
): Pick<SourceStats, 'files' | 'skipped' | 'rules' | 'parsed' | 'errors' | 'byLanguage' | 'byFormat'> {
  const out = {
    files: 0,
    skipped: 0,
    rules: 0,
    parsed: 0,
    errors: 0,
    byLanguage: {} as Record<string, LanguageStats>,
    byFormat: {} as Record<string, number>,
  };
  for (const s of stats) {
    out.files += s.files;
    out.skipped += s.skipped;
    out.rules += s.rules;
    out.parsed += s.parsed;
    out.errors += s.errors;
    for (const [lang, l] of Object.entries(s.byLanguage)) {
      const acc = (out.byLanguage[lang] ??= { rules: 0, parsed: 0, errors: 0 });
      acc.rules += l.rules;
      acc.parsed += l.parsed;
      acc.errors += l.errors;
    }
    for (const [f, n] of Object.entries(s.byFormat)) out.byFormat[f] = (out.byFormat[f] ?? 0) + n;
  }
  return out;
}
