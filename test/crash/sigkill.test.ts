/** Crash safety: an ingest killed with SIGKILL at random points leaves each source in its previous or its new state. */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli/main.js');
const RULES = 400;
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-crash-'));

function writeSource(dir: string, version: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < RULES; i++) {
    writeFileSync(
      join(dir, `rule-${i}.yml`),
      `title: Rule ${i} v${version}\nid: rule-${i}\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  selection:\n    Image|endswith: '\\tool${i % 37}.exe'\n    CommandLine|contains:\n      - ' -x${i}'\n      - ' /v${version}'\n  condition: selection\nlevel: medium\n`,
    );
  }
}

function ingest(db: string, dir: string): { rules: number; parsed: number } {
  return JSON.parse(
    execFileSync(process.execPath, [CLI, 'ingest', dir, '--name', 'src', '--db', db, '--json'], {
      encoding: 'utf8',
    }),
  );
}

function killedIngest(db: string, dir: string, afterMs: number): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, 'ingest', dir, '--name', 'src', '--db', db, '--json'], {
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/** The versions the catalog's rules carry: one version means one consistent state. */
function state(db: string): { versions: string[]; rules: number; integrity: string } {
  const d = new Database(db, { readonly: true });
  try {
    const integrity = (d.pragma('integrity_check', { simple: true }) as string) ?? '';
    const rows = d
      .prepare("SELECT DISTINCT substr(title, instr(title, ' v') + 1) AS v FROM rules")
      .all() as Array<{ v: string }>;
    const rules = (d.prepare('SELECT COUNT(*) AS n FROM rules').get() as { n: number }).n;
    return { versions: rows.map((r) => r.v).sort(), rules, integrity };
  } finally {
    d.close();
  }
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(CLI))('ingest killed with SIGKILL', () => {
  it('leaves the previous or the new state, 20 times over, and then completes like a clean ingest', async () => {
    const dir = join(work, 'src');
    writeSource(dir, 0);
    const reference = ingest(join(work, 'reference.db'), dir);
    expect(reference.rules).toBe(RULES);
    const db = join(work, 'crash.db');
    ingest(db, dir);
    for (let round = 1; round <= 20; round++) {
      writeSource(dir, round);
      await killedIngest(db, dir, 150 + ((round * 97) % 900));
      const s = state(db);
      expect(s.integrity).toBe('ok');
      expect(s.versions).toHaveLength(1);
      expect([`v${round - 1}`, `v${round}`]).toContain(s.versions[0]);
      expect(s.rules).toBe(RULES);
      // Whichever state the kill left, the next ingest brings the catalog to the files on disk.
      expect(ingest(db, dir).rules).toBe(RULES);
      expect(state(db).versions).toEqual([`v${round}`]);
    }
    const final = ingest(db, dir);
    expect({ rules: final.rules, parsed: final.parsed }).toEqual({
      rules: reference.rules,
      parsed: reference.parsed,
    });
  }, 240_000);

  it('leaves no catalog or a whole one when a cold ingest (no catalog yet) is killed, and no build after the next', async () => {
    const dir = join(work, 'cold-src');
    writeSource(dir, 0);
    const folder = join(work, 'cold');
    mkdirSync(folder);
    const db = join(folder, 'cold.db');
    for (let round = 1; round <= 5; round++) {
      rmSync(db, { force: true });
      await killedIngest(db, dir, 150 + ((round * 331) % 1500));
      if (existsSync(db)) {
        const s = state(db);
        expect(s.integrity).toBe('ok');
        expect(s.rules).toBe(RULES);
      }
      expect(ingest(db, dir).rules).toBe(RULES);
      expect(readdirSync(folder).filter((f) => f.includes('.building-'))).toEqual([]);
    }
  }, 240_000);
});
