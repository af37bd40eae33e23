/** A catalog made before source facts were stored gains their columns when opened; its sources read as having none. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { Catalog } from './catalog.js';

const work = mkdtempSync(join(tmpdir(), 'ruleatlas-facts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('adds the prefix and head columns to an older catalog', () => {
  const db = join(work, 'v1.db');
  const old = new Database(db);
  old.exec(`CREATE TABLE sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, root TEXT NOT NULL, remote TEXT,
    ingested_at TEXT, files INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0)`);
  old
    .prepare('INSERT INTO sources (name, root, remote) VALUES (?, ?, ?)')
    .run('s', '/x', 'https://example.com/r');
  old.close();
  const catalog = Catalog.open(db);
  try {
    expect(catalog.sourceFacts('s')).toEqual({ remote: 'https://example.com/r', prefix: '', head: null });
    expect(catalog.sourceFacts('none')).toBeUndefined();
  } finally {
    catalog.close();
  }
});
