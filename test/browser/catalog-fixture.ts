/**
 * Builds a throwaway catalog for web tests: the project's examples plus the hostile source, optionally with
 * ATT&CK and the seed rules (`../shared/seeds/rules`, source `seeds`, when present).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Catalog } from '../../src/catalog/catalog.js';
import { readAttackBundle, versionFromFileName } from '../../src/knowledge/attack/index.js';
import { examplesRoot, sharedPath } from '../corpus.js';

export const hostileRoot = resolve(examplesRoot, '..', 'test', 'fixtures', 'hostile');
export const HOSTILE_KEY = 'hostile:hostile_markup_everywhere.yml';
export const SEEDS_ROOT = sharedPath('seeds', 'rules');
const BUNDLE = ['attack', 'enterprise-attack-18.1.json.gz'];

export interface FixtureCatalog {
  dir: string;
  db: string;
  /** Whether a full ATT&CK bundle was stored in the catalog. */
  fullAttack: boolean;
  remove(): void;
}

/**
 * Also points the ATT&CK cache at the temp folder, so a bundle cached on the machine running the tests
 * cannot change what "not loaded" means.
 */
export async function buildFixtureCatalog(options: {
  attack: boolean;
  seeds?: boolean;
  hostile?: boolean;
}): Promise<FixtureCatalog> {
  const dir = mkdtempSync(join(tmpdir(), 'ruleatlas-web-'));
  process.env.RULEATLAS_CACHE = join(dir, 'cache');
  const db = join(dir, 'catalog.db');
  const catalog = Catalog.open(db);
  let fullAttack = false;
  try {
    await catalog.ingest(examplesRoot, { name: 'examples' });
    if (options.hostile ?? true) await catalog.ingest(hostileRoot, { name: 'hostile' });
    if (options.seeds && SEEDS_ROOT) await catalog.ingest(SEEDS_ROOT, { name: 'seeds' });
    const bundle = options.attack ? sharedPath(...BUNDLE) : undefined;
    if (bundle) {
      catalog.storeAttack(readAttackBundle(readFileSync(bundle), { version: versionFromFileName(bundle) }));
      fullAttack = true;
    }
  } finally {
    catalog.close();
  }
  return { dir, db, fullAttack, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
