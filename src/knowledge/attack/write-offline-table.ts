/** `npm run attack:table -- BUNDLE [OUT]`: writes the shipped ATT&CK table from a STIX bundle of any version. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readAttackBundle } from './bundle.js';
import { versionFromFileName } from './version.js';
import { OFFLINE_TABLE_FILE, offlineTable, offlineTableText } from './offline-table.js';

const [bundle, out = `src/knowledge/data/${OFFLINE_TABLE_FILE}`] = process.argv.slice(2);
if (!bundle) {
  console.error('usage: npm run attack:table -- BUNDLE [OUT]   (BUNDLE: enterprise-attack-*.json[.gz])');
  process.exit(2);
}
const data = readAttackBundle(readFileSync(bundle), { version: versionFromFileName(bundle) });
const text = offlineTableText(offlineTable(data, basename(bundle)));
writeFileSync(out, text);
const count = Object.keys(data.techniques).length;
console.log(`${out}: ATT&CK ${data.version}, ${count} techniques, ${(text.length / 1024).toFixed(0)} KiB`);
