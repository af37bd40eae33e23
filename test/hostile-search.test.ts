/**
 * Search text is data: any string gives a valid full-text query (or a 400 / exit 2 with the reason), in the
 * JSON API and in the CLI alike; no character or word of FTS5 syntax changes what is searched for.
 */
import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Catalog } from '../src/catalog/catalog.js';
import { ftsQuery } from '../src/catalog/search.js';
import { searchCommand } from '../src/cli/commands/search.js';
import { UsageError } from '../src/cli/output.js';
import { createApp } from '../src/web/server.js';
import { buildFixtureCatalog, type FixtureCatalog } from './browser/catalog-fixture.js';

/** Pieces hostile search text is made of: FTS5 operators and syntax, quotes, controls, odd unicode. */
const PIECES = [
  '"',
  "'",
  '""',
  '\u0000',
  '\u0001',
  '\n',
  'AND',
  'OR',
  'NOT',
  'NEAR',
  'NEAR(',
  '*',
  '^',
  '(',
  ')',
  '{',
  '}',
  ':',
  '-',
  '+',
  'title:',
  'query:',
  '{title query}:',
  'bitsadmin',
  'powershell',
  'é',
  '\u202E',
  '\uD800',
  '😀',
  '名前',
  ' ',
];

const hostileText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

let fixture: FixtureCatalog;
let catalog: Catalog;
let app: Hono;
let allRules: number;

beforeAll(async () => {
  fixture = await buildFixtureCatalog({ attack: false });
  catalog = Catalog.open(fixture.db, { readonly: true });
  app = createApp(catalog);
  allRules = catalog.search({ limit: 1 }).total;
}, 120_000);

afterAll(() => {
  catalog.close();
  fixture.remove();
});

/** Every byte of the text's UTF-8 percent-encoded (a lone surrogate as U+FFFD, as a browser sends it). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

type Answer = { status: number; body: { total?: number; error?: string } };

async function apiQuery(query: string): Promise<Answer> {
  const res = await app.request(`/api/search?q=${query}`);
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const apiSearch = (text: string): Promise<Answer> => apiQuery(percentEncoded(text));

/** The CLI's search in this process: its exit code, or 2 for a usage error as the command line reports it. */
function cliSearch(text: string): number {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return searchCommand([text], { db: fixture.db, json: true });
  } catch (err) {
    if (err instanceof UsageError) return 2;
    throw err;
  } finally {
    write.mockRestore();
  }
}

describe('hostile search text', () => {
  it('gives the API a 200 or a 400 with a reason, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const { status, body } = await apiSearch(text);
        expect([200, 400]).toContain(status);
        if (status === 400) expect(body.error).toMatch(/letter or digit/);
        else expect(body.total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the CLI exit 0, 1 or 2 (with a reason), never a crash', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect([0, 1, 2]).toContain(cliSearch(text));
      }),
      { numRuns: 300 },
    );
  });

  it('answers malformed percent-encoding and invalid UTF-8 without a 500', async () => {
    for (const raw of ['%', '%zz', '%ED%A0%80', '%FF%FE', '%C0%80', 'a%00b'])
      expect([200, 400]).toContain((await apiQuery(raw)).status);
  });

  it('matches no rule for a quote alone: a 400 and exit 2, not every rule', async () => {
    expect(allRules).toBeGreaterThan(5);
    expect((await apiSearch('"')).status).toBe(400);
    expect(cliSearch('"')).toBe(2);
    expect((await apiSearch('*')).status).toBe(400);
  });

  it('reads a NUL, a quote or an operator as a word break, not as syntax', async () => {
    const plain = (await apiSearch('bitsadmin')).body.total!;
    expect(plain).toBeGreaterThan(0);
    for (const text of [
      'bits\u0000admin',
      'bitsadmin\u0000',
      '"bitsadmin',
      'bitsadmin*',
      '^bitsadmin',
      '(bitsadmin)',
    ])
      expect((await apiSearch(text)).status).toBe(200);
    expect((await apiSearch('bitsadmin\u0000')).body.total).toBe(plain);
    expect((await apiSearch('"bitsadmin"')).body.total).toBe(plain);
    expect((await apiSearch('bitsadmin "')).body.total).toBe(plain);
    expect((await apiSearch('bitsadmin ***')).body.total).toBe(plain);
    expect(ftsQuery('title:bitsadmin NEAR(x) OR *')).toBe('"title:bitsadmin" AND "NEAR(x)" AND "OR"');
  });
});
