/** The bad-input corpus: ingesting it finishes, accounts for every file, and places every problem in a file. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../src/catalog/catalog.js';
import { openDatabase, type Db } from '../src/catalog/schema.js';
import { walkSource } from '../src/sources/walk.js';

const work = mkdtempSync(join(tmpdir(), 'ruleatlas-bad-'));
const source = join(work, 'bad-inputs');
let catalog: Catalog;
/** A second, read-only connection for the questions the catalog does not offer. */
let db: Db;
let files: number;

beforeAll(async () => {
  cpSync(resolve('test/bad-inputs'), source, { recursive: true });
  // The two giants are made here rather than committed.
  writeFileSync(join(source, 'sigma', 'ten-megabytes.yml'), `title: ${'x'.repeat(10 * 1024 * 1024)}\n`);
  const blocks = Array.from(
    { length: 5000 },
    (_, i) => `## Query ${i}\n\n\`\`\`KQL\nDeviceProcessEvents\n| where FileName == "tool${i}.exe"\n\`\`\`\n`,
  );
  writeFileSync(
    join(source, 'kql', 'five-thousand-queries.md'),
    `# Five thousand queries\n\n${blocks.join('\n')}`,
  );
  files = walkSource(source).length;
  catalog = Catalog.open(join(work, 'db'));
  await catalog.ingest(source, { name: 'bad' });
  db = openDatabase(join(work, 'db'), { readonly: true });
}, 120_000);

afterAll(() => {
  db.close();
  catalog.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the bad-input corpus', () => {
  it('has at least 40 files of every format', () => {
    expect(files).toBeGreaterThanOrEqual(40);
  });

  it('accounts for every file: read into rules or artifacts, or skipped', () => {
    const rows = db.prepare('SELECT format, rules, artifacts FROM files').all() as Array<{
      format: string | null;
      rules: number;
      artifacts: string;
    }>;
    expect(rows).toHaveLength(files);
    const [stats] = catalog.sources();
    expect(stats.files).toBe(files);
    expect(rows.filter((r) => r.format === null)).toHaveLength(stats.skipped);
  });

  it('keeps the 5,000 queries of one Markdown document as 5,000 rules', () => {
    const n = db
      .prepare(
        "SELECT COUNT(*) AS n FROM rules r JOIN files f ON f.id = r.file_id WHERE f.path = 'kql/five-thousand-queries.md'",
      )
      .get() as { n: number };
    expect(n.n).toBe(5000);
  });

  it('gives every rule that did not parse a diagnostic with a file line and column', () => {
    const failed = db.prepare('SELECT key, diagnostics FROM rules WHERE parsed = 0').all() as Array<{
      key: string;
      diagnostics: string;
    }>;
    expect(failed.length).toBeGreaterThan(10);
    for (const r of failed) {
      const diagnostics = JSON.parse(r.diagnostics) as Array<{
        severity: string;
        line: number;
        column: number;
        message: string;
      }>;
      const errors = diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length, r.key).toBeGreaterThan(0);
      for (const d of errors) {
        expect(d.line, `${r.key}: ${d.message}`).toBeGreaterThanOrEqual(1);
        expect(d.column, `${r.key}: ${d.message}`).toBeGreaterThanOrEqual(1);
        expect(d.message).not.toMatch(/^Internal/);
      }
    }
  });

  it('reports binary and oversized files as skipped with the reason', () => {
    const rows = db.prepare('SELECT path, diagnostics FROM files WHERE format IS NULL').all() as Array<{
      path: string;
      diagnostics: string;
    }>;
    const reason = (p: string): string =>
      (JSON.parse(rows.find((r) => r.path === p)?.diagnostics ?? '[]')[0]?.message as string) ?? '';
    expect(reason('sigma/ten-megabytes.yml')).toMatch(/larger than/);
    expect(reason('sigma/binary.yml')).toMatch(/Binary/);
    expect(reason('misc/random.bin')).toMatch(/Binary/);
    expect(reason('yaral/garbage.yaral')).toMatch(/No YARA-L rule/);
    expect(reason('yaral/empty.yaral')).toMatch(/Empty YARA-L file/);
  });

  it('refuses the YAML alias bomb instead of expanding it', () => {
    const view = catalog.rule('bad:sigma/alias-bomb.yml');
    expect(view?.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('stops a doubling macro and deep nesting with their own codes, and keeps every document of a stream', () => {
    const doubling = catalog.rule('11111111-0000-0000-0000-000000000006');
    expect(doubling?.diagnostics.map((d) => d.code)).toContain('spl/macro-too-large');
    const subsearch = catalog.rule('11111111-0000-0000-0000-000000000007');
    expect(subsearch?.diagnostics.map((d) => d.code)).toContain('spl/too-deep');
    expect(catalog.rule('22222222-0000-0000-0000-000000000011')?.diagnostics.map((d) => d.code)).toContain(
      'eql/too-deep',
    );
    const condition = catalog.rule('bad:sigma/deep-condition.yml');
    expect(condition?.diagnostics.find((d) => d.code === 'sigma/too-deep')).toMatchObject({ line: 7 });
    expect(catalog.rule('bad:sigma/many-documents.yml#2000')?.title).toBe('Document 1999');
  });

  it('reports the macro cycle and keeps odd file names', () => {
    expect(catalog.rule("bad:sigma/name with spaces & 'quotes'.yml")?.title).toBe(
      'Spaces and quotes in the name',
    );
    expect(catalog.rule('bad:sigma/ünïcödé-名前.yml')?.title).toBe('Ünïcödé name');
    const cycle = catalog.rule('11111111-0000-0000-0000-000000000004');
    expect(cycle?.diagnostics.map((d) => d.message).join('\n')).toMatch(/cycle/i);
  });
});
