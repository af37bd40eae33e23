// Tallies kept at ingest against a full recount: the per-request queries they replace are kept here as the oracle.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';
import { examplesRoot, sharedPath } from '../../test/corpus.js';
import { hostileRoot } from '../../test/browser/catalog-fixture.js';
import { coverageMatrix, type Coverage } from '../analysis/coverage/index.js';
import { fallbackAttack, readAttackBundle, type AttackData } from '../knowledge/attack/index.js';

/** The statistics as they were computed on every request before the tallies: a scan of the rules table. */
function recountedStats(db: string): Record<string, unknown> {
  const raw = new Database(db, { readonly: true });
  try {
    const rows = raw
      .prepare(
        `SELECT s.name, COALESCE(r.language, 'none') AS language, COUNT(*) AS rules, SUM(r.parsed) AS parsed,
           SUM(r.errors > 0) AS errors
         FROM rules r JOIN sources s ON s.id = r.source_id GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all() as Array<{ name: string; language: string; rules: number; parsed: number; errors: number }>;
    const out: Record<string, Record<string, unknown>> = {};
    for (const { name, language, ...counts } of rows) (out[name] ??= {})[language] = counts;
    return out;
  } finally {
    raw.close();
  }
}

/** What a page shows of a coverage: counts per tactic and technique (rule ids are not kept by the tallies). */
function counts(c: Coverage): unknown {
  return {
    rules: c.rules,
    rulesWithTechniques: c.rulesWithTechniques,
    unknown: c.unknownRules,
    unplaced: c.unplaced,
    tactics: c.tactics.map((t) => ({
      id: t.id,
      rules: t.rules,
      covered: t.covered,
      available: t.available,
      techniques: t.techniques.map((x) => [x.id, x.rules, x.byLanguage, x.subtechniqueRules]),
    })),
  };
}

describe('tallies kept at ingest', () => {
  let dir: string;
  let db: string;
  let catalog: Catalog;
  let attack: AttackData;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ruleatlas-tallies-'));
    cpSync(examplesRoot, join(dir, 'examples'), { recursive: true });
    db = join(dir, 'catalog.db');
    catalog = Catalog.open(db);
    await catalog.ingest(join(dir, 'examples'), { name: 'examples' });
    await catalog.ingest(hostileRoot, { name: 'hostile' });
    const bundle = sharedPath('attack', 'enterprise-attack-18.1.json.gz');
    attack = bundle ? readAttackBundle(readFileSync(bundle), { version: '18.1' }) : fallbackAttack();
  });
  afterAll(() => {
    catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stats = (): Record<string, unknown> =>
    Object.fromEntries(catalog.sources().map((s) => [s.name, s.byLanguage]));

  it('count rules, parsed and errors per source and language as a full recount does', () => {
    const sources = catalog.sources();
    expect(sources.map((s) => s.name)).toEqual(['examples', 'hostile']);
    expect(sources[0].rules).toBeGreaterThan(10);
    expect(stats()).toEqual(recountedStats(db));
    const formats = Object.values(sources[0].byFormat).reduce((n, f) => n + f, 0);
    expect(formats).toBe(sources[0].rules);
  });

  it('give the matrix the per-rule computation gives, with and without filters', () => {
    for (const filter of [{}, { source: 'examples' }, { language: 'sigma' }, { source: 'hostile' }]) {
      const perRule = coverageMatrix(catalog.ruleTechniques(filter), attack);
      const tallied = coverageMatrix(catalog.techniqueSets(filter), attack);
      expect(counts(tallied)).toEqual(counts(perRule));
    }
    expect(coverageMatrix(catalog.techniqueSets(), attack).rulesWithTechniques).toBeGreaterThan(10);
  });

  it('follow a re-ingest that removes files, and move the generation once per changing ingest', async () => {
    const before = catalog.generation();
    const removed = join(dir, 'examples', 'sigma', 'proc_creation_win_bitsadmin_transfer.yml');
    unlinkSync(removed);
    await catalog.ingest(join(dir, 'examples'), { name: 'examples' });
    expect(catalog.generation()).toBe(before + 1);
    expect(stats()).toEqual(recountedStats(db));
    const perRule = coverageMatrix(catalog.ruleTechniques(), attack);
    expect(counts(coverageMatrix(catalog.techniqueSets(), attack))).toEqual(counts(perRule));
    await catalog.ingest(join(dir, 'examples'), { name: 'examples' });
    expect(catalog.generation()).toBe(before + 1);
  });

  it('are computed on open for a catalog made before them, and read the same when it is read-only', () => {
    const expected = stats();
    const raw = new Database(db);
    raw.exec(
      "DELETE FROM source_tallies; DELETE FROM technique_sets; DELETE FROM meta WHERE key = 'tallies'",
    );
    raw.close();
    const readOnly = Catalog.open(db, { readonly: true });
    try {
      expect(Object.fromEntries(readOnly.sources().map((s) => [s.name, s.byLanguage]))).toEqual(expected);
      expect(readOnly.techniqueSets().length).toBeGreaterThan(0);
    } finally {
      readOnly.close();
    }
    const reopened = Catalog.open(db);
    reopened.close();
    expect(stats()).toEqual(expected);
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT COUNT(*) FROM source_tallies').pluck().get()).toBeGreaterThan(0);
    check.close();
  });
});
