import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'vitest';
import { readerFor } from '../registry.js';
const dir = '/work/shared/corpus/elastic';
function files(d: string): string[] { return readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.toml') ? [join(d, e.name)] : []); }
test('explore', () => {
  let withLs = 0, bad = 0, lines = 0; const ex: string[] = [];
  for (const p of files(dir)) {
    const text = readFileSync(p, 'utf8');
    const file = { path: relative(dir, p), text, bytes: text.length, sourceName: 'e' };
    for (const r of readerFor(file)!.read(file).rules) {
      if (!r.query?.lineStarts) continue; withLs++;
      r.query.text.split('\n').forEach((l, i) => { const ls = r.query!.lineStarts![i]; const probe = l.trimEnd(); if (!probe || /[\\"]/.test(probe)) return; lines++; if (!text.startsWith(probe, ls.offset)) { bad++; if (ex.length < 5) ex.push(`${r.file.path} line ${i}: ${JSON.stringify(probe)} at ${ls.line}:${ls.column}`); } });
    }
  }
  console.log(withLs, lines, bad, ex);
});
