import { it } from 'vitest';
import { appendFileSync } from 'node:fs';
import { openDatabase } from './schema.js';
import { ruleForm, formWords, WordIndex, relateNeighbours } from '../analysis/overlap/index.js';
const log = (s: string) => appendFileSync('/tmp/ov/prof.log', s + '\n');
it('x', () => {
  const db = openDatabase('/tmp/ov/rel.db');
  const rows = db.prepare('SELECT key, document, query FROM rules WHERE parsed = 1 AND query IS NOT NULL').all() as any[];
  log(`rows ${rows.length}`);
  let t0 = performance.now();
  const forms = new Map();
  const index = new WordIndex();
  let slow: [number, string][] = [];
  for (const r of rows) {
    const t = performance.now();
    const f = ruleForm({ rule: JSON.parse(r.document), query: JSON.parse(r.query) });
    const dt = performance.now() - t;
    if (dt > 50) slow.push([dt, r.key]);
    forms.set(r.key, f);
    index.add(r.key, formWords(f));
    if (forms.size % 1000 === 0) log(`${forms.size} forms ${Math.round(performance.now() - t0)}ms`);
  }
  log(`forms ${Math.round(performance.now() - t0)}ms slow ${JSON.stringify(slow.slice(0, 10))}`);
  const sizes = [...forms.values()].map((f: any) => f.conjunctions.length).sort((a, b) => b - a);
  log(`conj sizes top ${sizes.slice(0, 10)}`);
  t0 = performance.now();
  let cand = 0;
  for (const k of forms.keys()) cand += index.candidates(index.words(k), k).size;
  log(`candidates ${cand} ${Math.round(performance.now() - t0)}ms`);
  t0 = performance.now();
  const keys = [...forms.keys()];
  for (let i = 0; i < 3000; i += 1000) {
    const rowsOut = relateNeighbours({ forms, index }, keys.slice(i, i + 1000));
    log(`relate ${i} rows ${rowsOut.length} ${Math.round(performance.now() - t0)}ms`);
  }
}, 1200000);
