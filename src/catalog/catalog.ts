/** The catalog: one SQLite file and the questions asked of it, for the CLI and the web alike. */
import { existsSync } from 'node:fs';
import { finishBulkLoad, openDatabase, type Db } from './schema.js';
import { buildPath, moveIntoPlace, removeBuild, removeStaleBuilds } from './cold-build.js';
import type { IngestClock } from './ingest-clock.js';
import { storedRules, type HuntRuleFilter, type KeyedRule } from './hunt-rules.js';
import { ingestSource, type IngestOptions, type SourceIngest } from './ingest.js';
import { exportRules, searchRules } from './search.js';
import { relatedIndicators } from './related-queries.js';
import type { RelatedIndicator } from '../analysis/related-indicators.js';
import { recomputeCorpusCounts, refreshCorpusCounts } from './counts.js';
import { ruleView } from './rules.js';
import {
  equivalentIndicators,
  indicatorCount,
  indicatorValueByDigest,
  indicatorFields,
  indicatorRules,
  listIndicators,
  type IndicatorFilter,
} from './indicator-queries.js';
import { sourceStats, type SourceStats } from './stats.js';
import { techniqueSets } from './tallies.js';
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
import type { CoverageRule, VisibilityRule } from '../analysis/coverage/index.js';
import { ruleEvents } from './event-queries.js';
import { forgetRelations, neighbourhood, refreshRelations, type RelationsRefresh } from './relations.js';
import {
  containmentClaims,
  crossSourceRelations,
  parsedRulesByKey,
  duplicateRules,
  ruleSummaries,
  similarRules,
  sourceRuleKeys,
  storedRelationLines,
  techniquesOfRules,
  toSimilar,
  type SimilarFilter,
  type SimilarRule,
} from './relation-queries.js';
import {
  byCloseness,
  compareSides,
  formWords,
  relateOutsider,
  ruleForm,
  type ContainmentClaim,
  type Neighbourhood,
  type SideRule,
  type SourceOverlap,
} from '../analysis/overlap/index.js';
import type { ParsedRule } from '../model/rule.js';

/** Callers ask typed questions; the database handle and every SQL statement stay inside `src/catalog`. */
export class Catalog {
  readonly #db: Db;
  /** Set while a cold ingest builds the catalog at a temporary path (see cold-build.ts). */
  #build: { path: string; target: string } | undefined;
  /**
   * The forms and word index rules outside the catalog are related against, read once until relations change
   * here or another connection writes (`data_version`).
   */
  #neighbourhood: { version: number; hood: Neighbourhood } | undefined;

  private constructor(db: Db, build?: { path: string; target: string }) {
    this.#db = db;
    this.#build = build;
  }

  static open(path: string, options: { readonly?: boolean } = {}): Catalog {
    return new Catalog(openDatabase(path, options));
  }

  /**
   * Opens the catalog at `path` for ingests. With no catalog there yet, the ingest is cold: it builds a new
   * file, which `finishIngest` moves to `path`; closing before that throws the build away.
   */
  static openForIngest(path: string): Catalog {
    removeStaleBuilds(path);
    if (existsSync(path)) return Catalog.open(path);
    const build = buildPath(path);
    removeBuild(build);
    return new Catalog(openDatabase(build, { bulk: true }), { path: build, target: path });
  }

  /** True while this catalog is a cold ingest's build, before `finishIngest`. */
  get cold(): boolean {
    return this.#build !== undefined;
  }

  /** A cold ingest's indexes and full-text index, built once after its rows; nothing to do otherwise. */
  finishBulkLoad(clock?: IngestClock): void {
    if (this.#build) finishBulkLoad(this.#db, clock);
  }

  /** Closes the catalog; a cold ingest's build is then moved to its path. */
  finishIngest(): void {
    const build = this.#build;
    this.#db.close();
    if (!build) return;
    this.#build = undefined;
    try {
      moveIntoPlace(build.path, build.target);
    } finally {
      removeBuild(build.path);
    }
  }

  close(): void {
    if (this.#db.open) this.#db.close();
    if (this.#build) removeBuild(this.#build.path);
    this.#build = undefined;
  }

  /** The command that made the catalog (`demo`), when one marked it; undefined for a user's own catalog. */
  createdBy(): string | undefined {
    return metaValue(this.#db, 'created_by');
  }

  markCreatedBy(command: string): void {
    setMetaValue(this.#db, 'created_by', command);
  }

  ingest(root: string, options?: IngestOptions): Promise<SourceIngest> {
    this.#neighbourhood = undefined;
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

  /** Counts the ingests that changed the catalog: moved inside their transaction, so it names a catalog state. */
  generation(): number {
    return Number(metaValue(this.#db, 'generation') ?? 0);
  }

  /** The values the closed search filters can take here (`none` included where rules lack one). */
  filterValues(): FilterValues {
    return filterValues(this.#db);
  }

  search(q: SearchQuery): SearchResult {
    return searchRules(this.#db, q);
  }

  /** Every rule a search matches, in its order (for CSV): no facets, no paging. */
  exportSearch(q: SearchQuery): RuleSummary[] {
    return exportRules(this.#db, q);
  }

  rule(ref: string): RuleView | undefined {
    return ruleView(this.#db, ref);
  }

  indicators(filter: IndicatorFilter): IndicatorView[] {
    return listIndicators(this.#db, filter);
  }

  /** The nearest indicators whose value holds this one's or lies within it (same kind and concept). */
  relatedIndicators(ind: IndicatorKey, limit?: number): RelatedIndicator[] {
    return relatedIndicators(this.#db, ind, limit);
  }

  indicatorCount(ind: IndicatorKey): IndicatorView | undefined {
    return indicatorCount(this.#db, ind);
  }

  /** The value a link names by its digest (see `valueDigest`), or undefined. */
  indicatorValueByDigest(ind: Omit<IndicatorKey, 'value'>, digest: string): string | undefined {
    return indicatorValueByDigest(this.#db, ind, digest);
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

  /**
   * Rules grouped by source, language and exact technique set, each group counted (`count`): the same
   * coverage as `ruleTechniques` without rule ids, read from what the ingest tallied.
   */
  techniqueSets(filter: CoverageFilter = {}): CoverageRule[] {
    return techniqueSets(this.#db, filter).map((set, i) => ({
      id: `${set.source}/${set.language}#${i}`,
      title: '',
      language: set.language,
      source: set.source,
      techniques: set.techniques,
      count: set.rules,
    }));
  }

  /** Every rule with the log events it needs and its declared techniques, for visibility. */
  ruleEvents(filter: CoverageFilter = {}): VisibilityRule[] {
    return ruleEvents(this.#db, filter);
  }

  /** Rules with their stored parse and catalog key, for a hunt. */
  huntRules(filter: HuntRuleFilter = {}): KeyedRule[] {
    return storedRules(this.#db, filter);
  }

  /** Technique names that rules carry (Elastic `threat` blocks), for when no ATT&CK bundle is loaded. */
  declaredTechniqueNames(): Record<string, string> {
    return declaredTechniqueNames(this.#db);
  }

  /** Brings rule relations up to date (only rules whose logic changed, and their neighbours). */
  refreshRelations(): RelationsRefresh {
    this.#neighbourhood = undefined;
    return refreshRelations(this.#db);
  }

  /** Forgets stored relations so the next refresh computes them all (the benchmark times this). */
  forgetRelations(): void {
    this.#neighbourhood = undefined;
    forgetRelations(this.#db);
  }

  /** Every stored relation as a tab-separated line, in key order, to compare one refresh with another. */
  relationLines(): string[] {
    return storedRelationLines(this.#db);
  }

  /** Rules related to a catalog rule (by key, id or path), the relation being theirs to it. */
  similar(
    ref: string,
    filter: SimilarFilter = {},
  ): { rule: RuleSummary; similar: SimilarRule[] } | undefined {
    const rule = this.rule(ref);
    if (!rule) return undefined;
    const {
      document: _d,
      query: _q,
      events: _e,
      diagnostics: _g,
      indicators: _i,
      remote: _r,
      ...summary
    } = rule;
    return { rule: summary, similar: this.similarByKey(rule.key, filter) };
  }

  /** Rules related to the rule with catalog key `key` (no lookup by id or path). */
  similarByKey(key: string, filter: SimilarFilter = {}): SimilarRule[] {
    return similarRules(this.#db, key, filter);
  }

  /** Rules of the catalog related to a rule read from a file. */
  similarTo(parsed: ParsedRule, filter: SimilarFilter = {}): SimilarRule[] {
    const form = ruleForm(parsed);
    const version = this.dataVersion();
    if (this.#neighbourhood?.version !== version)
      this.#neighbourhood = { version, hood: neighbourhood(this.#db) };
    const rows = relateOutsider(this.#neighbourhood.hood, form, formWords(form));
    const rules = ruleSummaries(
      this.#db,
      rows.map((r) => r.other),
    );
    return rows
      .flatMap((row) => {
        const rule = rules.get(row.other);
        if (!rule || (filter.language && rule.language !== filter.language)) return [];
        const stored = {
          ...row,
          only_subject: JSON.stringify(row.onlySubject),
          only_other: JSON.stringify(row.onlyOther),
          shared: JSON.stringify(row.shared),
          why: row.why ?? null,
        };
        return [toSimilar(stored, rule)];
      })
      .slice(0, filter.top ?? 10);
  }

  /** Source `a` against source `b`: counterparts, rules unique to each, counts per relation and technique. */
  overlap(a: string, b: string): SourceOverlap {
    const side = (self: string, other: string): SideRule[] => {
      const keys = sourceRuleKeys(this.#db, self);
      const related = crossSourceRelations(this.#db, self, other);
      const rules = ruleSummaries(this.#db, keys);
      const techniques = techniquesOfRules(this.#db, keys);
      return keys.map((key) => ({
        key,
        title: rules.get(key)?.title ?? key,
        language: rules.get(key)?.language ?? null,
        techniques: techniques.get(key) ?? [],
        related: (related.get(key) ?? [])
          .sort(byCloseness)
          .map((r) => ({ key: r.key, title: r.title, relation: r.relation, score: r.score })),
      }));
    };
    return compareSides(a, b, side(a, b), side(b, a));
  }

  /** Stored `narrower` and `equivalent` claims, with the claims' rules by key, for checking with the engine. */
  containmentClaims(): { claims: ContainmentClaim[]; rules: Map<string, ParsedRule> } {
    const claims = containmentClaims(this.#db);
    return {
      claims,
      rules: parsedRulesByKey(
        this.#db,
        claims.flatMap((c) => [c.narrower, c.broader]),
      ),
    };
  }

  /** Equivalent rules within a source, or across the catalog. */
  duplicates(source?: string): Array<{ a: RuleSummary; b: RuleSummary }> {
    return duplicateRules(this.#db, source);
  }

  storedAttack(): AttackData | undefined {
    return storedAttack(this.#db);
  }

  storeAttack(data: AttackData): void {
    storeAttack(this.#db, data);
  }
}
