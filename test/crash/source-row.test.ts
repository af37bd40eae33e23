/** The source row is part of the ingest's transaction: no reader sees an empty source, and no kill leaves one. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sigmaRule } from '../../src/bench/bad-input-tree.js';

const CLI = resolve('dist/cli/main.js');
const RULES = 300;
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-source-row-'));
const source = join(work, 'src');

afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeSource(): void {
  mkdirSync(source, { recursive: true });
  for (let i = 0; i < RULES; i++) writeFileSync(join(source, `rule-${i}.yml`), sigmaRule(`Rule ${i}`));
}

function startIngest(db: string): { exited: Promise<void>; kill: () => void } {
  const child = spawn(process.execPath, [CLI, 'ingest', source, '--name', 'src', '--db', db, '--json'], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  return { exited, kill: () => child.kill('SIGKILL') };
}

/** Each source's name with its rule count, as a reader sees the catalog now; empty while it has no tables. */
function sources(db: string): Array<{ name: string; rules: number }> {
  if (!existsSync(db)) return [];
  let d: Database.Database | undefined;
  try {
    d = new Database(db, { readonly: true, fileMustExist: true });
    return d
      .prepare(
        'SELECT s.name, (SELECT COUNT(*) FROM rules r WHERE r.source_id = s.id) AS rules FROM sources s',
      )
      .all() as Array<{ name: string; rules: number }>;
  } catch {
    return [];
  } finally {
    d?.close();
  }
}

describe.skipIf(!existsSync(CLI))('the source row of an ingest', () => {
  it('is never seen without its rules while a first ingest runs', async () => {
    writeSource();
    const db = join(work, 'watched.db');
    const ingest = startIngest(db);
    let running = true;
    void ingest.exited.then(() => (running = false));
    const seen: Array<{ name: string; rules: number }> = [];
    while (running) {
      seen.push(...sources(db));
      await sleep(5);
    }
    expect(sources(db)).toEqual([{ name: 'src', rules: RULES }]);
    expect(seen.filter((s) => s.rules === 0)).toEqual([]);
  }, 120_000);

  it('is not left empty by a SIGKILL at any point of a first ingest', async () => {
    writeSource();
    for (let round = 0; round < 6; round++) {
      const db = join(work, `killed-${round}.db`);
      const ingest = startIngest(db);
      // Kill once the catalog file exists, at a different point of the ingest each round.
      while (!existsSync(db)) await sleep(5);
      await sleep(round * 150);
      ingest.kill();
      await ingest.exited;
      const left = sources(db);
      expect(left.length === 0 || (left.length === 1 && left[0].rules === RULES), JSON.stringify(left)).toBe(
        true,
      );
    }
  }, 180_000);
});
