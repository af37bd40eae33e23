/** `ruleatlas demo`: ingest the bundled example rules into a fresh catalog and serve it. */
import { plural } from '../../text/plural.js';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Catalog } from '../../catalog/catalog.js';
import { sumStats } from '../../catalog/stats.js';
import { loadAttack, ATTACK_NOT_LOADED } from '../../knowledge/attack/index.js';
import { percent, print, UserError } from '../output.js';
import { ensureCanListen } from '../port.js';
import { serveCommand } from './serve.js';

/** The project's own example rules, next to `dist/` and `src/` alike. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples', import.meta.url));

export interface DemoOptions {
  db: string;
  port: number;
  host: string;
  attack?: string;
  serve?: boolean;
}

const DEMO = 'demo';

/** Whether `db` is a catalog an earlier demo made; anything else there is the user's and stays untouched. */
function madeByDemo(db: string): boolean {
  try {
    const catalog = Catalog.open(db, { readonly: true });
    try {
      return catalog.createdBy() === DEMO;
    } finally {
      catalog.close();
    }
  } catch {
    return false;
  }
}

/** Removes the demo's previous catalog, refusing any file the demo did not make. */
function clearPreviousDemo(db: string): void {
  if (!existsSync(db)) return;
  if (!madeByDemo(db))
    throw new UserError(
      `${db} exists and was not made by \`ruleatlas demo\`; it is left untouched. Pass --db with another file name`,
    );
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(db + suffix)) rmSync(db + suffix);
}

export async function demoCommand(options: DemoOptions): Promise<number> {
  if (options.serve !== false) await ensureCanListen(options.host, options.port);
  clearPreviousDemo(options.db);
  const catalog = Catalog.open(options.db);
  catalog.markCreatedBy(DEMO);
  try {
    await catalog.ingest(EXAMPLES_DIR, { name: 'examples' });
    const attack = loadAttack({ bundle: options.attack });
    if (attack.full) catalog.storeAttack(attack.data);
    const total = sumStats(catalog.sources());
    print(
      `Example catalog: ${plural(total.rules, 'rule')}, ${total.parsed} parsed (${percent(total.parsed, total.rules)}), languages ${Object.keys(total.byLanguage).join(', ')}`,
    );
    if (!attack.full) print(ATTACK_NOT_LOADED);
  } finally {
    catalog.close();
  }
  if (options.serve === false) return 0;
  return serveCommand({ db: options.db, port: options.port, host: options.host });
}
