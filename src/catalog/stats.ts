/** Catalog statistics: per source and per language, how many rules there are and how many parsed. */
import type { Db } from './schema.js';

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

export function sourceStats(db: Db, only?: string[]): SourceStats[] {
  const sources = db
    .prepare('SELECT id, name, root, remote, ingested_at, files, skipped FROM sources ORDER BY name')
    .all() as Array<Record<string, unknown>>;
  const byLang = db.prepare(
    `SELECT COALESCE(language, 'none') AS language, COUNT(*) AS rules, SUM(parsed) AS parsed, SUM(errors > 0) AS errors
     FROM rules WHERE source_id = ? GROUP BY 1 ORDER BY 1`,
  );
  const byFormat = db.prepare(
    'SELECT format, COUNT(*) AS n FROM rules WHERE source_id = ? GROUP BY 1 ORDER BY 1',
  );
  return sources
    .filter((s) => !only || only.includes(s.name as string))
    .map((s) => {
      const langs = byLang.all(s.id) as Array<LanguageStats & { language: string }>;
      const total = (k: keyof LanguageStats): number => langs.reduce((n, l) => n + l[k], 0);
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
        byLanguage: Object.fromEntries(langs.map(({ language, ...l }) => [language, l])),
        byFormat: Object.fromEntries(
          (byFormat.all(s.id) as Array<{ format: string; n: number }>).map((f) => [f.format, f.n]),
        ),
      };
    });
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
