import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'vitest';
import { readerFor } from '../registry.js';
import { eqlLanguage } from '../../languages/eql/index.js';
import { emptyContext } from '../../languages/language.js';
const dir = '/work/shared/corpus/elastic';
function files(d: string): string[] { return readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.toml') ? [join(d, e.name)] : []); }
test('explore', () => {
  const none: string[] = []; const empty: string[] = []; const warn: string[] = []; const ops: Record<string, number> = {};
  for (const p of files(dir)) {
    const text = readFileSync(p, 'utf8');
    const file = { path: relative(dir, p), text, bytes: text.length, sourceName: 'e' };
    for (const r of readerFor(file)!.read(file).rules) {
      if (r.language === null && r.context.type !== 'machine_learning') none.push(`${r.file.path} ${r.diagnostics.map(d=>d.message).join(';')}`);
      if (r.query?.language !== 'eql') continue;
      const q = eqlLanguage.parse({ source: r.query, context: emptyContext() });
      for (const d of q.diagnostics) if (d.severity !== 'error') warn.push(`${r.file.path} ${d.message}`);
      for (const s of q.stages) { if (s.kind === 'where' && s.predicates.length === 0) empty.push(`${r.file.path}: ${s.text.slice(0, 200)}`); for (const pr of s.predicates) ops[pr.op + (pr.negated ? '!' : '') + (pr.derivedFrom ? ' derived' : '')] = (ops[pr.op + (pr.negated ? '!' : '')+ (pr.derivedFrom ? ' derived' : '')] ?? 0) + 1; }
    }
  }
  console.log(none.slice(0, 8).join('\n'), none.length); console.log(empty.slice(0, 10).join('\n'), empty.length); console.log(warn.slice(0,5), warn.length); console.log(ops);
});
