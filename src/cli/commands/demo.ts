/** `ruleatlas demo`: ingest the bundled example rules into a fresh catalog and serve it. */
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Catalog } from '../../catalog/catalog.js';
import { sumStats } from '../../catalog/stats.js';
import { loadAttack } from '../../knowledge/attack/index.js';
import { percent, print } from '../output.js';
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

export async function demoCommand(options: DemoOptions): Promise<number> {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(options.db + suffix)) rmSync(options.db + suffix);
  const catalog = Catalog.open(options.db);
  try {
    await catalog.ingest(EXAMPLES_DIR, { name: 'examples' });
    const attack = loadAttack({ bundle: options.attack });
    if (attack.full) catalog.storeAttack(attack.data);
    const total = sumStats(catalog.sources());
    print(
      `Example catalog: ${total.rules} rules, ${total.parsed} parsed (${percent(total.parsed, total.rules)}), languages ${Object.keys(total.byLanguage).join(', ')}`,
    );
    if (!attack.full)
      print(
        'ATT&CK: using the built-in tactic table (run `ruleatlas attack update` or pass --attack PATH for full data).',
      );
  } finally {
    catalog.close();
  }
  if (options.serve === false) return 0;
  return serveCommand({ db: options.db, port: options.port, host: options.host });
}
