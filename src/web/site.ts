/** The web catalog's state for one process: the read-only catalog and what is costly to derive from it, cached. */
import type { Catalog } from '../catalog/catalog.js';
import {
  unknownFilter,
  unknownFilterMessage,
  type FilterValues,
  type GivenFilters,
} from '../catalog/filter-values.js';
import { BadRequest } from './bad-request.js';
import type { CoverageFilter } from '../catalog/technique-queries.js';
import { loadAttack, type LoadedAttack } from '../knowledge/attack/index.js';
import { coverageMatrix } from '../analysis/coverage/index.js';
import { EventTrial } from './event-trial.js';

export type Coverage = ReturnType<typeof coverageMatrix>;

export type { CoverageFilter };

export interface SiteOptions {
  /** An ATT&CK bundle to use instead of the catalog's (`serve --attack PATH`). */
  attack?: string;
}

/**
 * Caches live until the catalog changes: SQLite's `data_version` moves when another connection (an ingest
 * running beside the server) commits, so pages never show stale coverage and never recompute it needlessly.
 */
export class Site {
  private version = -1;
  private attackCache: LoadedAttack | undefined;
  private readonly coverageCache = new Map<string, Coverage>();
  private trialCache: EventTrial | undefined;
  private filterCache: FilterValues | undefined;

  constructor(
    readonly catalog: Catalog,
    private readonly options: SiteOptions = {},
  ) {}

  private fresh(): void {
    const now = this.catalog.dataVersion();
    if (now === this.version) return;
    this.version = now;
    this.attackCache = undefined;
    this.coverageCache.clear();
    this.trialCache = undefined;
    this.filterCache = undefined;
  }

  /** Refuses a filter value the catalog does not have (`language=sigmaa`), naming the nearest one. */
  checkFilters(given: GivenFilters): void {
    if (!Object.values(given).some((v) => v?.length)) return;
    this.fresh();
    this.filterCache ??= this.catalog.filterValues();
    const tactic = this.attack().data.tactics.flatMap((t) => [t.shortname, t.id, t.name]);
    const problem = unknownFilter(given, { ...this.filterCache, tactic });
    if (problem) throw new BadRequest(unknownFilterMessage(problem), problem.suggestion);
  }

  attack(): LoadedAttack {
    this.fresh();
    this.attackCache ??= loadAttack({ bundle: this.options.attack, catalog: this.catalog });
    return this.attackCache;
  }

  /** Counts only, from the technique sets the ingest tallied: no rule is read. */
  coverage(filter: CoverageFilter): Coverage {
    return this.matrix(filter, false);
  }

  /** With each technique's rule ids and titles, read rule by rule (the Navigator layer names rules). */
  coverageWithRules(filter: CoverageFilter): Coverage {
    return this.matrix(filter, true);
  }

  private matrix(filter: CoverageFilter, withRules: boolean): Coverage {
    const data = this.attack().data;
    const key = `${filter.source ?? ''}\u0000${filter.language ?? ''}\u0000${withRules}`;
    let found = this.coverageCache.get(key);
    if (!found) {
      const rules = withRules ? this.catalog.ruleTechniques(filter) : this.catalog.techniqueSets(filter);
      found = coverageMatrix(rules, data);
      this.coverageCache.set(key, found);
    }
    return found;
  }

  /** Every rule of the catalog compiled for the engine, once per catalog state (the first trial pays for it). */
  trial(): EventTrial {
    this.fresh();
    this.trialCache ??= new EventTrial(this.catalog.huntRules());
    return this.trialCache;
  }

  /** Names of the catalog's sources and languages, for filter menus. */
  facets(): { sources: string[]; languages: string[] } {
    const sources = this.catalog.sources();
    const languages = new Set<string>();
    for (const s of sources) for (const l of Object.keys(s.byLanguage)) languages.add(l);
    return { sources: sources.map((s) => s.name), languages: [...languages].sort() };
  }
}
