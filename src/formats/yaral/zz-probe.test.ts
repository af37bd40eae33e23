import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'vitest';
import { corpusPath } from '../../../test/corpus.js';
import { emptyContext } from '../../languages/language.js';
import { yaralLanguage } from '../../languages/yaral/index.js';
import { yaralReader } from './index.js';
const root = corpusPath('yaral')!;
function allFiles(dir: string): string[] { return readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]); }
it('probe', () => {
  const ops: Record<string, number> = {}; const warn: string[] = []; const noPred: string[] = []; const ds: Record<string, number> = {};
  const fields: Record<string, number> = {}; const attack = { t: 0, ta: 0, none: 0 }; const sev: Record<string, number> = {};
  for (const path of allFiles(root).filter((p) => p.endsWith('.yaral'))) {
    const file = { path: relative(root, path), text: readFileSync(path, 'utf8'), bytes: 0, sourceName: 'y' };
    for (const rule of yaralReader.read(file).rules) {
      const q = yaralLanguage.parse({ source: rule.query!, context: emptyContext() });
      for (const d of q.diagnostics) if (d.severity !== 'error') warn.push(`${file.path}:${d.line}:${d.column} ${d.message}`);
      const preds = q.stages.flatMap((s) => s.predicates);
      if (preds.length === 0) noPred.push(file.path);
      for (const p of preds) { const k = `${p.op}${p.negated ? '!' : ''}${p.caseSensitive ? '' : '~'}${p.modifiers ? '[' + p.modifiers.join(',') + ']' : ''}`; ops[k] = (ops[k] ?? 0) + 1; if (!p.field?.startsWith('$') && !p.scope) fields[p.field!] = (fields[p.field!] ?? 0) + 1; if (p.field?.startsWith('$') || p.field?.includes('(')) fields[p.field!.slice(0,60)] = (fields[p.field!.slice(0,60)] ?? 0) + 1; }
      for (const d of q.dataSources) ds[d.kind] = (ds[d.kind] ?? 0) + 1;
      if (rule.attack.techniques.length) attack.t++; if (rule.attack.tactics.length) attack.ta++; if (!rule.attack.techniques.length && !rule.attack.tactics.length) attack.none++;
      sev[rule.severity ?? '-'] = (sev[rule.severity ?? '-'] ?? 0) + 1;
    }
  }
  console.log(JSON.stringify({ ops, ds, attack, sev }, null, 0));
  console.log(warn.slice(0, 20).join('\n'), warn.length);
  console.log('noPred', noPred.length, noPred.slice(0, 10));
  console.log(Object.entries(fields).sort((a, b) => b[1] - a[1]).slice(0, 30));
});
