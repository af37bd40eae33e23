/** The per-file time limit: a parse that never returns is stopped, its rule kept with a diagnostic, and the ingest goes on. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-limit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const rule = (i: number): string =>
  `title: Rule ${i}\nid: rule-${i}\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  selection:\n    Image|endswith: '\\t${i}.exe'\n  condition: selection\n`;

describe.skipIf(!existsSync(CLI))('the parse time limit', () => {
  it('stops the file that hangs and ingests the rest', () => {
    const dir = join(work, 'src');
    mkdirSync(dir);
    for (let i = 0; i < 6; i++) writeFileSync(join(dir, i === 3 ? 'stall-me.yml' : `rule-${i}.yml`), rule(i));
    const db = join(work, 'catalog.db');
    const started = performance.now();
    const out = execFileSync(process.execPath, [CLI, 'ingest', dir, '--db', db, '--json', '--jobs', '1'], {
      encoding: 'utf8',
      env: { ...process.env, RULEATLAS_TEST_STALL_ON: 'stall-me', RULEATLAS_PARSE_LIMIT_MS: '400' },
    });
    expect(performance.now() - started).toBeLessThan(15_000);
    const report = JSON.parse(out);
    expect(report.rules).toBe(6);
    expect(report.parsed).toBe(5);
    const d = new Database(db, { readonly: true });
    const stalled = d
      .prepare(
        "SELECT r.title, r.diagnostics FROM rules r JOIN files f ON f.id = r.file_id WHERE f.path = 'stall-me.yml'",
      )
      .get() as { title: string; diagnostics: string };
    d.close();
    expect(stalled.title).toBe('stall-me');
    expect(JSON.parse(stalled.diagnostics)[0]).toMatchObject({ severity: 'error', line: 1, column: 1 });
    // The 400 ms base, plus the small allowance the file's size gives it.
    expect(JSON.parse(stalled.diagnostics)[0].message).toMatch(/Parsing stopped after 4\d\d ms/);
  }, 30_000);
});
