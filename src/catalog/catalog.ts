/** The catalog: one SQLite file and the questions asked of it, for the CLI and the web alike. */
import { openDatabase, type Db } from './schema.js';
import { ingestSource, type IngestOptions, type SourceIngest } from './ingest.js';
import { searchRules } from './search.js';
import { refreshCorpusCounts } from './counts.js';
import { ruleView } from './rules.js';
import { indicatorCount, indicatorRules, listIndicators, type IndicatorFilter } from './indicator-queries.js';
import { sourceStats, type SourceStats } from './stats.js';
import { storedSourceFacts } from './source-facts.js';
import { skippedByReason } from './skipped.js';
import type { SourceFacts } from '../sources/facts.js';
import type { RuleView, SearchQuery, SearchResult, IndicatorView, RuleSummary } from './views.js';
import type { AttackData } from '../knowledge/attack/index.js';

export class Catalog {
  readonly db: Db;

  private constructor(db: Db) {
    this.db = db;
  }

  static open(path: string, options: { readonly?: boolean } = {}): Catalog {
    return new Catalog(openDatabase(path, options));
  }

  close(): void {
    this.db.close();
  }

  ingest(root: string, options?: IngestOptions): Promise<SourceIngest> {
    return ingestSource(this.db, root, options);
  }

  /** Brings corpus counts up to date after ingests that deferred them; true if they were recomputed. */
  refreshCounts(): boolean {
    return refreshCorpusCounts(this.db);
  }

  search(q: SearchQuery): SearchResult {
    return searchRules(this.db, q);
  }

  rule(ref: string): RuleView | undefined {
    return ruleView(this.db, ref);
  }

  indicators(filter: IndicatorFilter): IndicatorView[] {
    return listIndicators(this.db, filter);
  }

  indicatorCount(ind: {
    kind: string;
    canonical: string;
    op: string;
    value: string;
  }): IndicatorView | undefined {
    return indicatorCount(this.db, ind);
  }

  indicatorRules(ind: IndicatorView, equivalent = false): RuleSummary[] {
    return indicatorRules(this.db, ind, equivalent);
  }

  sources(only?: string[]): SourceStats[] {
    return sourceStats(this.db, only);
  }

  /** A source's remote, place in its checkout and head commit, as of its last ingest. */
  sourceFacts(name: string): SourceFacts | undefined {
    return storedSourceFacts(this.db, name);
  }

  /** Skipped files of the named sources (all when none), counted by reason. */
  skippedByReason(sources: string[] = []): Record<string, number> {
    return skippedByReason(this.db, sources);
  }

  /** Rules with their declared techniques, for coverage. */
  ruleTechniques(filter: { source?: string; language?: string } = {}): Array<{
    id: string;
    title: string;
    language: string;
    source: string;
    techniques: string[];
    tactics: string[];
  }> {
    const rows = this.db
      .prepare(
        `SELECT r.key AS id, r.title, COALESCE(r.language, 'none') AS language, s.name AS source, json_group_array(t.technique) AS techniques,
           json_extract(r.document, '$.attack.tactics') AS tactics
         FROM rules r JOIN sources s ON s.id = r.source_id JOIN rule_techniques t ON t.rule = r.id
         WHERE (? IS NULL OR s.name = ?) AND (? IS NULL OR r.language = ?)
         GROUP BY r.id ORDER BY r.key`,
      )
      .all(
        filter.source ?? null,
        filter.source ?? null,
        filter.language ?? null,
        filter.language ?? null,
      ) as Array<Record<string, string>>;
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      language: r.language,
      source: r.source,
      techniques: JSON.parse(r.techniques),
      tactics: r.tactics ? (JSON.parse(r.tactics) as string[]) : [],
    }));
  }

  /** Technique names that rules carry (Elastic `threat` blocks), for when no ATT&CK bundle is loaded. */
  declaredTechniqueNames(): Record<string, string> {
    const names: Record<string, string> = {};
    const rows = this.db
      .prepare(
        "SELECT json_extract(document, '$.attack.names') AS names FROM rules WHERE format IN ('elastic-rule', 'elastic-hunt')",
      )
      .all() as Array<{ names: string | null }>;
    for (const r of rows) if (r.names) Object.assign(names, JSON.parse(r.names));
    return names;
  }

  storedAttack(): AttackData | undefined {
    const row = this.db.prepare('SELECT data FROM attack WHERE id = 1').get() as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as AttackData) : undefined;
  }

  storeAttack(data: AttackData): void {
    this.db
      .prepare('INSERT OR REPLACE INTO attack (id, version, data) VALUES (1, ?, ?)')
      .run(data.version, JSON.stringify(data));
  }
}
