/** `ruleatlas attack update [--from PATH|URL]`: load ATT&CK into the catalog and the shared cache. */
import { plural } from '../../text/plural.js';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Catalog } from '../../catalog/catalog.js';
import { attackCachePath } from '../../knowledge/attack/index.js';
import { downloadAttackBundle, readAttackBundle, versionFromFileName } from '../../knowledge/attack/index.js';
import { print, printJson } from '../output.js';

export async function attackUpdateCommand(options: {
  db: string;
  json?: boolean;
  from?: string;
}): Promise<number> {
  const from = options.from;
  let bytes: Buffer;
  try {
    bytes = from && !/^https?:\/\//.test(from) ? readFileSync(from) : await downloadAttackBundle(from);
  } catch (err) {
    process.stderr.write(`ATT&CK not updated: ${(err as Error).message}\n`);
    return 1;
  }
  const data = readAttackBundle(bytes, { version: from ? versionFromFileName(from) : undefined });
  // Write the cache by rename so a crash never leaves half a file behind.
  const cache = attackCachePath();
  mkdirSync(dirname(cache), { recursive: true });
  writeFileSync(`${cache}.tmp`, JSON.stringify(data));
  renameSync(`${cache}.tmp`, cache);
  const catalog = Catalog.open(options.db);
  try {
    catalog.storeAttack(data);
  } finally {
    catalog.close();
  }
  const summary = {
    version: data.version,
    tactics: data.tactics.length,
    techniques: Object.keys(data.techniques).length,
    cache,
  };
  if (options.json) printJson(summary);
  else
    print(
      `ATT&CK ${summary.version}: ${plural(summary.tactics, 'tactic')}, ${plural(summary.techniques, 'technique')} (cached at ${cache})`,
    );
  return 0;
}
