/** The web catalog's state for one process: the read-only catalog and what is costly to derive from it, cached. */
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import type { CoverageFilter } from '../catalog/technique-queries.js';
import { loadAttack, type LoadedAttack } from '../catalog/attack-data.js';
import { coverageMatrix } from '../analysis/coverage/index.js';

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
  private readonly prefixCache = new Map<string, string>();

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
  }

  attack(): LoadedAttack {
    this.fresh();
    this.attackCache ??= loadAttack({ bundle: this.options.attack, catalog: this.catalog });
    return this.attackCache;
  }

  coverage(filter: CoverageFilter): Coverage {
    const data = this.attack().data;
    const key = `${filter.source ?? ''}\u0000${filter.language ?? ''}`;
    let found = this.coverageCache.get(key);
    if (!found) {
      found = coverageMatrix(this.catalog.ruleTechniques(filter), data);
      this.coverageCache.set(key, found);
    }
    return found;
  }

  /** Names of the catalog's sources and languages, for filter menus. */
  facets(): { sources: string[]; languages: string[] } {
    const sources = this.catalog.sources();
    const languages = new Set<string>();
    for (const s of sources) for (const l of Object.keys(s.byLanguage)) languages.add(l);
    return { sources: sources.map((s) => s.name), languages: [...languages].sort() };
  }

  /**
   * Where a source's root sits inside its git checkout (`''` when it is the checkout). The root comes from
   * the catalog, never from a request.
   */
  repositoryPrefix(source: { name: string; root: string }): string {
    let prefix = this.prefixCache.get(source.name);
    if (prefix === undefined) {
      prefix = checkoutPrefix(source.root);
      this.prefixCache.set(source.name, prefix);
    }
    return prefix;
  }
}

function checkoutPrefix(root: string): string {
  for (let d = root; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return relative(d, root).split(sep).join('/');
    if (dirname(d) === d) return '';
  }
}
