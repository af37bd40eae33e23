/**
 * The ingest against the file system, run by the CLI as a user file permissions hold for (root reads every
 * file): unreadable files and folders, a name that is not UTF-8, UTF-16, links and a FIFO are each read or
 * skipped with a reason, and the ingest goes on.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runIngest, unprivileged, type IngestRun } from '../src/bench/ingest-run.js';
import {
  FS_CASES,
  lockFileSystemCases,
  unlockFileSystemCases,
  writeFileSystemCases,
} from '../src/bench/bad-input-tree.js';

const CLI = resolve('dist/cli/main.js');
const user = unprivileged();
const skipWhy = !existsSync(CLI) ? 'the CLI is not built' : 'skip' in user ? user.skip : undefined;
if (skipWhy) console.warn(`file-system ingest test skipped: ${skipWhy}`);

const work = mkdtempSync(join(tmpdir(), 'ruleatlas-fs-'));
// The unprivileged user writes the catalog here.
chmodSync(work, 0o777);
const tree = join(work, 'src');
const db = join(work, 'catalog.db');

afterAll(() => {
  if (existsSync(join(tree, 'fs'))) unlockFileSystemCases(tree);
  rmSync(work, { recursive: true, force: true });
});

function ingest(): IngestRun {
  return runIngest(db, [tree], ['--name', 'src'], 'prefix' in user ? user.prefix : []);
}

interface FileRow {
  path: string;
  format: string | null;
  rules: number;
  diagnostics: string;
}

function files(): Map<string, FileRow> {
  const d = new Database(db, { readonly: true });
  try {
    const rows = d.prepare('SELECT path, format, rules, diagnostics FROM files').all() as FileRow[];
    return new Map(rows.map((r) => [r.path, r]));
  } finally {
    d.close();
  }
}

function titles(): string[] {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare('SELECT title FROM rules ORDER BY title').all() as Array<{ title: string }>).map(
      (r) => r.title,
    );
  } finally {
    d.close();
  }
}

function codes(row: FileRow | undefined): string[] {
  return (JSON.parse(row?.diagnostics ?? '[]') as Array<{ code?: string }>).map((d) => d.code ?? '');
}

describe.skipIf(skipWhy !== undefined)('ingest against the file system, as a user without privileges', () => {
  it("reads what it can, skips the rest with a reason, and keeps an unreadable folder's rules", () => {
    writeFileSystemCases(tree);
    const first = ingest();
    expect(titles()).toContain('Kept in a locked folder');

    lockFileSystemCases(tree);
    const second = ingest();
    expect(second.report.skippedByReason).toMatchObject({
      'unreadable file': 1,
      'unreadable folder (stored files kept)': 1,
      FIFO: 1,
      'broken link': 1,
      'link outside the source': 1,
      'link loop': 1,
      'link to what is read at its own path': 1,
    });
    expect((second.report as unknown as { followedLinks: number }).followedLinks).toBe(1);
    expect(second.report.rules).toBe(first.report.rules);
    expect(titles()).toEqual([
      'Invalid UTF8 caf\ufffd',
      'Kept in a locked folder',
      'Latin1 name',
      'Reached through a link',
      'UTF16 big endian',
      'UTF16 little endian',
    ]);
    const rows = files();
    expect(codes(rows.get(FS_CASES.unreadableFile))).toEqual(['catalog/unreadable']);
    expect(JSON.parse(rows.get(FS_CASES.unreadableFile)!.diagnostics)[0].message).toMatch(
      /permission denied/,
    );
    expect(codes(rows.get(FS_CASES.unreadableFolder))).toEqual(['catalog/unreadable-directory']);
    expect(rows.get(FS_CASES.folderRule)?.rules).toBe(1);
    expect(rows.get(FS_CASES.latin1)?.format).toBe('sigma');
    expect(rows.get(FS_CASES.utf16le)?.rules).toBe(1);
    expect(rows.get(FS_CASES.utf16be)?.rules).toBe(1);
    expect(codes(rows.get(FS_CASES.invalidUtf8))).toContain('catalog/invalid-utf8');
    expect(rows.get(FS_CASES.linkFollowed)?.rules).toBe(1);
    for (const link of ['linkOutside', 'linkLoop', 'linkBroken', 'linkDuplicate', 'fifo'] as const)
      expect(rows.get(FS_CASES[link])?.format, link).toBeNull();

    unlockFileSystemCases(tree);
    const third = ingest();
    expect(third.report.skippedByReason['unreadable file']).toBeUndefined();
    expect(third.report.skippedByReason['unreadable folder (stored files kept)']).toBeUndefined();
    expect(titles()).toContain('Unreadable file');
    expect(files().get(FS_CASES.folderRule)?.rules).toBe(1);
  }, 120_000);
});
