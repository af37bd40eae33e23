/**
 * Which catalog a command reads: `--db`, else `./ruleatlas.db`, else the demo's catalog when only that one
 * exists (so `npm start` then `ruleatlas search` works); a missing or foreign file is one friendly line.
 */
import { existsSync } from 'node:fs';
import { Catalog } from '../catalog/catalog.js';
import { UserError } from './output.js';

export const DEFAULT_DB = './ruleatlas.db';
export const DEMO_DB = './ruleatlas-demo.db';

/** The catalog path a command uses, saying so on stderr when it falls back to the demo's. */
export function catalogPath(db: string): string {
  if (db === DEFAULT_DB && !existsSync(db) && existsSync(DEMO_DB)) {
    process.stderr.write(`ruleatlas: no ${DEFAULT_DB} here; using the demo catalog ${DEMO_DB}\n`);
    return DEMO_DB;
  }
  return db;
}

export function missingCatalog(db: string): UserError {
  return new UserError(`no catalog at ${db}; run \`ruleatlas ingest PATH\` or \`ruleatlas demo\``);
}

/** Opens an existing catalog read-only, or fails with one line that says what to do. */
export function openCatalog(db: string): Catalog {
  const path = catalogPath(db);
  if (!existsSync(path)) throw missingCatalog(path);
  try {
    const catalog = Catalog.open(path, { readonly: true });
    catalog.createdBy();
    return catalog;
  } catch (err) {
    throw new UserError(`${path} is not a ruleatlas catalog (${(err as Error).message})`);
  }
}
