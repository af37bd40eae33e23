import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScript } from './parser.js';
import { blocks } from '/tmp/kmeasure/extract.mjs';
test('scratch', () => {
  const qs = blocks('/work/shared/corpus/kql') as { p: string; q: string }[];
  const t0 = performance.now();
  let bad = 0;
  const out: string[] = [];
  for (const { p, q } of qs) {
    const s = parseScript(q);
    if (s.problems.length) { bad++; const pr = s.problems[0]; out.push(`${p.slice(27)} :: ${pr.message} :: ${JSON.stringify(q.slice(Math.max(0, pr.start - 30), pr.start + 30))}`); }
  }
  console.log(`n=${qs.length} bad=${bad} ms=${performance.now() - t0}\n` + out.join('\n'));
  void readFileSync;
});
