/** Rule pages link to the file in its repository from the source facts stored at ingest, not from the disk at request time. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, gitCheckout } from '../../test/git-checkout.js';
import { Catalog } from '../catalog/catalog.js';
import { createApp } from './server.js';

const RULE =
  'title: Bits\nid: bits-1\nlogsource:\n  product: windows\ndetection:\n  sel:\n    Image|endswith: \\bitsadmin.exe\n  condition: sel\n';

const top = gitCheckout({ 'rules/windows/bits.yml': RULE });
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-link-'));
afterAll(() => {
  rmSync(top, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('source facts', () => {
  it('are stored at ingest and give the rule page its repository link after the checkout is gone', async () => {
    const head = git(top, 'rev-parse', 'HEAD');
    const db = join(work, 'catalog.db');
    const writer = Catalog.open(db);
    await writer.ingest(join(top, 'rules'), { name: 'acme', jobs: 0 });
    expect(writer.sourceFacts('acme')).toEqual({
      remote: 'https://github.com/acme/rules',
      prefix: 'rules',
      head,
    });
    writer.close();
    rmSync(join(top, '.git'), { recursive: true, force: true });

    const catalog = Catalog.open(db, { readonly: true });
    try {
      const res = await createApp(catalog).request('/api/rule/bits-1');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { link: string | null; remote: string | null };
      expect(body.remote).toBe('https://github.com/acme/rules');
      expect(body.link).toBe(`https://github.com/acme/rules/blob/${head}/rules/windows/bits.yml#L1`);
    } finally {
      catalog.close();
    }
  });
});
