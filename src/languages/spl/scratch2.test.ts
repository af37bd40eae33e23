import { it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readerFor } from '../../formats/registry.js';
import { splLanguage } from './index.js';
import type { SourceContext, MacroDefinition } from '../../model/artifact.js';
function walk(d: string, out: string[] = []) { for (const e of readdirSync(d)) { const p = join(d, e); if (statSync(p).isDirectory()) walk(p, out); else out.push(p); } return out; }
it('scratch corpus', () => {
  const root = '/work/shared/corpus/splunk';
  const files = walk(root).map((p) => { const text = readFileSync(p, 'utf8'); return { path: relative(root, p), text, bytes: text.length, sourceName: 'splunk' }; });
  const t0 = performance.now();
  const ctx: SourceContext = { macros: new Map(), dataSources: new Map() };
  const byReader: Record<string, number> = {};
  const rules = [];
  for (const f of files) { const r = readerFor(f); byReader[r?.id ?? 'skip'] = (byReader[r?.id ?? 'skip'] ?? 0) + 1; if (!r) continue; const res = r.read(f);
    for (const a of res.artifacts) if (a.type === 'macro') ctx.macros.set(a.name.includes('(') ? a.name : a.args.length ? `${a.name}(${a.args.length})` : a.name, a as MacroDefinition); else ctx.dataSources.set(a.name, a);
    rules.push(...res.rules); }
  const t1 = performance.now(); console.log('read', t1 - t0);
  for (let k = 0; k < 3; k++) { const a = performance.now(); for (const r of rules) if (r.query) splLanguage.parse({ source: r.query, context: ctx }); console.log('parse round', performance.now() - a); }
  let errs = 0; const unres: Record<string, number> = {}; const msgs: Record<string, number> = {}; const samples: string[] = [];
  for (const r of rules) { if (!r.query) { errs++; continue; } const q = splLanguage.parse({ source: r.query, context: ctx });
    for (const u of q.unresolved) unres[u] = (unres[u] ?? 0) + 1;
    const e = q.diagnostics.filter((d) => d.severity !== 'info');
    for (const d of e) { msgs[d.severity + ' ' + d.message.replace(/"[^"]*"/g, 'X')] = (msgs[d.severity + ' ' + d.message.replace(/"[^"]*"/g, 'X')] ?? 0) + 1; }
    if (e.some((d) => d.severity === 'error')) { errs++; if (samples.length < 15) samples.push(r.file.path + ' ' + e.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')); }
  }
  console.log(performance.now() - t0, byReader, rules.length, errs);
  console.log(Object.entries(msgs).sort((a, b) => b[1] - a[1]).slice(0, 30));
  console.log(samples.join('\n'));
  const names = new Set([...ctx.macros.values()].map((m) => m.name.replace(/\(.*/, '')));
  console.log('arity-mismatch', Object.keys(unres).filter((u) => names.has(u.replace(/\(.*/, ''))));
  for (const r of rules) { const q = splLanguage.parse({ source: r.query!, context: ctx }); for (const d of q.diagnostics) if (d.severity === 'warning') console.log(r.file.path, d.message); }
  console.log(Object.entries(unres).sort((a, b) => b[1] - a[1]).slice(0, 12), Object.keys(unres).length);
});
