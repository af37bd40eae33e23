/** The catalog: one SQLite file and the questions asked of it, for the CLI and the web alike. */
import { openDatabase, type Db } from './schema.js';
import type { ParsedRule } from '../model/rule.js';
import { storedRules, type HuntRuleFilter } from './hunt-rules.js';
import { ingestSource, type IngestOptions, type SourceIngest } from './ingest.js';
import { searchRules } from './search.js';
import { recomputeCorpusCounts, refreshCorpusCounts } from './counts.js';
import { ruleView } from './rules.js';
import {
  equivalentIndicators,
  indicatorCount,
  indicatorFields,
  indicatorRules,
  listIndicators,
  type IndicatorFilter,
} from './indicator-queries.js';
import { sourceStats, type SourceStats } from './stats.js';
import { storedSourceFacts } from './source-facts.js';
import { skippedByReason } from './skipped.js';
import { metaValue, setMetaValue } from './meta.js';
import { filterValues, type FilterValues } from './filter-values.js';
import type { SourceFacts } from '../sources/facts.js';
import { sourceView } from './source-queries.js';
import {
  declaredTechniqueNames,
  ruleTechniques,
  storeAttack,
  storedAttack,
  type CoverageFilter,
} from './technique-queries.js';
import type {
  EquivalentIndicator,
  IndicatorField,
  IndicatorKey,
  IndicatorView,
  RuleSummary,
  RuleView,
  SearchQuery,
  SearchResult,
  SourceView,
} from './views.js';
import type { AttackData } from '../knowledge/attack/index.js';
import type { CoverageRule } from '../analysis/coverage/index.js';

/** Callers ask typed questions; the database handle and every SQL statement stay inside `src/catalog`. */
export class Catalog {
  readonly #db: Db;

  private constructor(db: Db) {
    this.#db = db;
  }

  static open(path: string, options: { readonly?: boolean } = {}): Catalog {
    return new Catalog(openDatabase(path, options));
  }

  close(): void {
    this.#db.close();
  }

  /** The command that made the catalog (`demo`), when one marked it; undefined for a user's own catalog. */
  createdBy(): string | undefined {
    return metaValue(this.#db, 'created_by');
  }

  markCreatedBy(command: string): void {
    setMetaValue(this.#db, 'created_by', command);
  }

  ingest(root: string, options?: IngestOptions): Promise<SourceIngest> {
    return ingestSource(this.#db, root, options);
  }

  /** Brings corpus counts up to date after ingests that deferred them; true if they were recomputed. */
  refreshCounts(): boolean {
    return refreshCorpusCounts(this.#db);
  }

  /** Recomputes corpus counts whether or not they are stale (the benchmark times this). */
  recomputeCounts(): void {
    this.#db.transaction(() => recomputeCorpusCounts(this.#db))();
  }

  /** Moves whenever any connection commits a change, so readers know when their caches went stale. */
  dataVersion(): number {
    return this.#db.pragma('data_version', { simple: true }) as number;
  }

  /** The values the closed search filters can take here (`none` included where rules lack one). */
  filterValues(): FilterValues {
    return filterValues(this.#db);
  }

  search(q: SearchQuery): SearchResult {
    return searchRules(this.#db, q);
  }

  rule(ref: string): RuleView | undefined {
    return ruleView(this.#db, ref);
  }

  indicators(filter: IndicatorFilter): IndicatorView[] {
    return listIndicators(this.#db, filter);
  }

  indicatorCount(ind: IndicatorKey): IndicatorView | undefined {
    return indicatorCount(this.#db, ind);
  }

  indicatorRules(ind: IndicatorView, equivalent = false): RuleSummary[] {
    return indicatorRules(this.#db, ind, equivalent);
  }

  /** How rules write the field of an indicator, by language, most frequent first. */
  indicatorFields(ind: IndicatorKey): IndicatorField[] {
    return indicatorFields(this.#db, ind);
  }

  /** The other indicators of `equivalence`, leaving out `self`. */
  equivalentIndicators(equivalence: string, self: IndicatorKey): EquivalentIndicator[] {
    return equivalentIndicators(this.#db, equivalence, self);
  }

  sources(only?: string[]): SourceStats[] {
    return sourceStats(this.#db, only);
  }

  /** One source with its rules per format and language and its rules and files with diagnostics. */
  source(name: string): SourceView | undefined {
    return sourceView(this.#db, name);
  }

  /** A source's remote, place in its checkout and head commit, as of its last ingest. */
  sourceFacts(name: string): SourceFacts | undefined {
    return storedSourceFacts(this.#db, name);
  }

  /** Skipped files of the named sources (all when none), counted by reason. */
  skippedByReason(sources: string[] = []): Record<string, number> {
    return skippedByReason(this.#db, sources);
  }

  /** Rules with their declared techniques, for coverage. */
  ruleTechniques(filter: CoverageFilter = {}): CoverageRule[] {
    return ruleTechniques(this.#db, filter);
  }

  /** Rules with their stored parse, for a hunt. */
  huntRules(filter: HuntRuleFilter = {}): ParsedRule[] {
    return storedRules(this.#db, filter);
  }

  /** Technique names that rules carry (Elastic `threat` blocks), for when no ATT&CK bundle is loaded. */
  declaredTechniqueNames(): Record<string, string> {
    return declaredTechniqueNames(this.#db);
  }

  storedAttack(): AttackData | undefined {
    return storedAttack(this.#db);
  }

  storeAttack(data: AttackData): void {
    storeAttack(this.#db, data);
  }
}
