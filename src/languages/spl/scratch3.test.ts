import { it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import YAML from 'yaml';
import { readerFor } from '../../formats/registry.js';
function walk(d: string, out: string[] = []) { for (const e of readdirSync(d)) { const p = join(d, e); if (statSync(p).isDirectory()) walk(p, out); else out.push(p); } return out; }
it('scratch perf', () => {
  const root = '/work/shared/corpus/splunk';
  const files = walk(root).map((p) => { const text = readFileSync(p, 'utf8'); return { path: relative(root, p), text, bytes: text.length, sourceName: 'splunk' }; });
  for (let round = 0; round < 3; round++) {
  const per: Record<string, number> = {};
  let t = performance.now();
  for (const f of files) { const r = readerFor(f); const s = performance.now(); if (r) r.read(f); per[r?.id ?? 'skip'] = (per[r?.id ?? 'skip'] ?? 0) + performance.now() - s; }
  console.log('total', performance.now() - t, per);
  t = performance.now();
  for (const f of files) if (f.path.endsWith('.yml')) YAML.parseDocument(f.text);
  console.log('parseDocument', performance.now() - t);
  t = performance.now();
  for (const f of files) if (f.path.endsWith('.yml')) new YAML.Parser().parse(f.text).next();
  console.log('cst', performance.now() - t);
  }
});
